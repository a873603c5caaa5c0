package io.trainbus.trainer.backend;

import java.util.OptionalInt;

import io.quarkus.runtime.StartupEvent;
import io.trainbus.models.NativeRuntime;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Chooses the nd4j-native build for this CPU, detects the ND4J backend once at start-up, logs both, keeps the
 * backend for the readiness check and, when a GPU is required and usable, resumes the prepared-datasets channel
 * (which then starts paused).
 */
@ApplicationScoped
public class BackendStatus {

    /** The channel that delivers training jobs. It starts paused when {@code require-gpu} is true. */
    static final String JOBS_CHANNEL = "datasets-prepared";

    private static final Logger LOG = Logger.getLogger(BackendStatus.class);

    private volatile ComputeBackend backend;
    private volatile NativeBuildSelector.Selection nativeBuild;

    void onStart(@Observes @Priority(1) StartupEvent event, GpuConfig config, NativeConfig nativeConfig,
            ChannelRegistry channels) {
        NativeThreads.override(nativeConfig.threads().map(OptionalInt::of).orElse(OptionalInt.empty()));
        ComputeBackend detected = current();
        if (detected.available() && detected.cpu()) {
            NativeRuntime.enableLayerHelpers();
            LOG.infof("nd4j-native build %s selected because %s; loaded: %s; native threads per model %s%s",
                    nativeBuild.build().classifier(), nativeBuild.reason(), NativeRuntime.describe(),
                    NativeThreads.DEFAULTS, nativeConfig.threads().map(t -> ", overridden to " + t).orElse(""));
        }
        LOG.infof("ND4J backend %s, devices %s, cuDNN helpers %s (built with cuDNN: %s, helpers allowed: %s), "
                + "require-gpu=%s", detected.name(), detected.devices(), detected.cudnnActive() ? "active" : "inactive",
                detected.cudnnBuilt(), detected.helpersAllowed(), config.requireGpu());
        var reason = GpuRequirement.unmetReason(detected, config.requireGpu());
        if (reason.isPresent()) {
            LOG.warnf("Trainer reports not ready%s: %s", config.requireGpu() ? " and takes no jobs" : "",
                    reason.get());
            return;
        }
        if (!config.requireGpu()) {
            return;
        }
        // NOTE: not run here because it needs a GPU. The tests cover only the paused branch, on the CPU.
        PausableChannel jobs = channels.getPausable(JOBS_CHANNEL);
        if (jobs == null) {
            LOG.errorf("Channel %s is not pausable, so it was never paused: check its pausable setting", JOBS_CHANNEL);
            return;
        }
        jobs.resume();
        LOG.infof("GPU found, channel %s resumed", JOBS_CHANNEL);
    }

    /**
     * Returns the detected backend, detecting it on the first call.
     *
     * @return the ND4J backend of this process
     */
    public ComputeBackend current() {
        ComputeBackend known = backend;
        if (known == null) {
            synchronized (this) {
                if (backend == null) {
                    // The build must be chosen before the first ND4J call loads a native library.
                    nativeBuild = NativeBuildSelector.applyToThisProcess();
                    backend = BackendDetector.detect();
                }
                known = backend;
            }
        }
        return known;
    }
}
