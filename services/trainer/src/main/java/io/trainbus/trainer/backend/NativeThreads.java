package io.trainbus.trainer.backend;

import java.util.Map;
import java.util.OptionalInt;

import io.trainbus.models.ReferenceModels;

/**
 * Threads of ND4J's native operations per model. The MLP and the CNN run faster on one thread than on two, because
 * their operations are so short that waking and joining OpenMP threads costs more than the parallel work saves. On
 * a shared machine a second thread that is not scheduled also stalls every operation. The optimized CNN's convolutions are
 * about 20 times larger per image, and on an idle 2-core machine two threads trained it faster than one before the
 * oneDNN helpers were on, so it uses every processor. BENCHMARKS.md has the measurements.
 */
public final class NativeThreads {

    /** Threads per reference model; other models use {@link #FALLBACK}. */
    public static final Map<String, Integer> DEFAULTS = Map.of(ReferenceModels.MLP, 1, ReferenceModels.CNN, 1,
            ReferenceModels.OPTIMIZED_CNN, Runtime.getRuntime().availableProcessors());
    /** Threads of a custom model. */
    public static final int FALLBACK = 1;

    private static volatile OptionalInt override = OptionalInt.empty();

    private NativeThreads() {
    }

    /**
     * Sets the count every model uses, from {@code trainbus.trainer.native.threads}; empty restores the defaults.
     *
     * @param threads at least 1 when present
     * @throws IllegalArgumentException when threads is below 1
     */
    static void override(OptionalInt threads) {
        if (threads.isPresent() && threads.getAsInt() < 1) {
            throw new IllegalArgumentException("Invalid trainbus.trainer.native.threads " + threads.getAsInt()
                    + ": it must be at least 1, or unset for the per-model defaults");
        }
        override = threads;
    }

    /**
     * Returns the thread count for a model.
     *
     * @param model the request's model name
     * @return the configured count, or the model's default
     */
    public static int forModel(String model) {
        OptionalInt configured = override;
        return configured.isPresent() ? configured.getAsInt() : DEFAULTS.getOrDefault(model, FALLBACK);
    }
}
