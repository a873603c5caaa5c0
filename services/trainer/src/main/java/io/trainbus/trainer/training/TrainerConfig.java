package io.trainbus.trainer.training;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the trainer service, under {@code trainbus.trainer}. */
@ConfigMapping(prefix = "trainbus.trainer")
public interface TrainerConfig {

    /**
     * Folder under which each job gets a temporary folder for its tensors and checkpoints, deleted when the job
     * ends. It contains one downloaded tensor at a time (553 MB for the full CIFAR-10 training images) and then the
     * checkpoints (about 30 MB for the MLP). Default: the JVM's temporary folder.
     */
    Optional<Path> workDir();

    /** Number of recent jobs whose per-job gauges stay in {@code /q/metrics}; older jobs' gauges are removed. */
    @WithDefault("50")
    int metricsJobsKept();
}
