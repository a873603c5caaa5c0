package io.trainbus.preprocessing.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the preprocessing service, under {@code trainbus.preprocessing}. */
@ConfigMapping(prefix = "trainbus.preprocessing")
public interface PreprocessingConfig {

    /**
     * Folder under which each job gets a temporary folder for downloaded raw record files and written tensors,
     * deleted when the job ends. The full CIFAR-10 dataset needs about 1 GB there (184 MB of .bin files and 740 MB
     * of tensors).
     * Default: the JVM's temporary folder.
     */
    Optional<Path> workDir();

    /** Production of augmented training epochs ahead of the trainer. */
    Augmentation augmentation();

    /** Settings under {@code trainbus.preprocessing.augmentation}. */
    interface Augmentation {

        /**
         * Epochs beyond the trainer's last finished epoch that may be stored at once, at least 1. Each epoch of the
         * full CIFAR-10 training split is a 553 MB object. With 1 the trainer waits for every epoch to be produced.
         */
        @WithDefault("2")
        int epochsAhead();

        /** Threads that augment images, shared by all jobs. Default: the number of available processors. */
        Optional<Integer> threads();
    }
}
