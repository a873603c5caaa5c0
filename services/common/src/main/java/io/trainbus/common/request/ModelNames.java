package io.trainbus.common.request;

import java.util.List;

/** Model names a request may use, shared by the request checks, the trainer and the CLI. */
public final class ModelNames {

    /** Multi-layer perceptron of the reference study. */
    public static final String MLP = "mlp";
    /** Small convolutional network of the reference study. */
    public static final String CNN = "cnn";
    /** Batch-normalized convolutional network of the reference study, trained with augmentation and a schedule. */
    public static final String OPTIMIZED_CNN = "optimized-cnn";
    /** A network described by the request's {@code layers}. */
    public static final String CUSTOM = "custom";

    /** Every accepted name, the named reference models first. */
    public static final List<String> ALL = List.of(MLP, CNN, OPTIMIZED_CNN, CUSTOM);

    private ModelNames() {
    }
}
