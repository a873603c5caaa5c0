package io.trainbus.trainer.backend;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The trainer's GPU setting, under {@code trainbus.trainer}. */
@ConfigMapping(prefix = "trainbus.trainer")
public interface GpuConfig {

    /**
     * Whether the trainer must train on a GPU. When true and ND4J has no usable GPU, the trainer keeps its job
     * channel paused and {@code /q/health/ready} reports DOWN with the reason, instead of training on the CPU.
     */
    @WithDefault("false")
    boolean requireGpu();
}
