package io.trainbus.preprocessing.config;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Settings of the preprocessing service, under {@code trainbus.preprocessing}. */
@ConfigMapping(prefix = "trainbus.preprocessing")
public interface PreprocessingConfig {

    /**
     * Folder under which each job gets a temporary folder for downloaded .bin files and written tensors, deleted
     * when the job ends. The full dataset needs about 1 GB there (184 MB of .bin files and 740 MB of tensors).
     * Default: the JVM's temporary folder.
     */
    Optional<Path> workDir();
}
