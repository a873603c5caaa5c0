package io.trainbus.preprocessing.config;

import java.nio.file.Path;

import io.trainbus.common.storage.ObjectStore;
import io.trainbus.preprocessing.storage.DatasetPreparation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the Quarkus-free preparation step from {@link PreprocessingConfig}. */
@ApplicationScoped
public class PreprocessingBeans {

    @Produces
    @Singleton
    DatasetPreparation datasetPreparation(PreprocessingConfig config, ObjectStore store) {
        Path workRoot = config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
        return new DatasetPreparation(store, workRoot);
    }
}
