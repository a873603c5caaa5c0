package io.trainbus.evaluator.evaluation;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the evaluator service, under {@code trainbus.evaluator}. */
@ConfigMapping(prefix = "trainbus.evaluator")
public interface EvaluatorConfig {

    /**
     * Folder under which each job gets a temporary folder for its checkpoint and test tensors, deleted when the
     * evaluation ends. The full CIFAR-10 test split needs about 125 MB there. Default: the JVM's temporary folder.
     */
    Optional<Path> workDir();

    /** Images per forward pass while scoring; only memory use depends on it, not the figures. */
    @WithDefault("256")
    int batchSize();
}
