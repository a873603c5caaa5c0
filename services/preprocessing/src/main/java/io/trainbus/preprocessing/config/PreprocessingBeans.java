package io.trainbus.preprocessing.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.trainbus.common.messaging.JobFailures;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.preprocessing.augment.AugmentationListener;
import io.trainbus.preprocessing.augment.AugmentationScheduler;
import io.trainbus.preprocessing.augment.AugmentationState;
import io.trainbus.preprocessing.messaging.PreparationHandler;
import io.trainbus.preprocessing.messaging.PreprocessingEvents;
import io.trainbus.preprocessing.metrics.AugmentationMetrics;
import io.trainbus.preprocessing.storage.AugmentationStorage;
import io.trainbus.preprocessing.storage.DatasetPreparation;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the Quarkus-free preparation and augmentation steps from {@link PreprocessingConfig}. */
@ApplicationScoped
public class PreprocessingBeans {

    @Produces
    @Singleton
    DatasetPreparation datasetPreparation(PreprocessingConfig config, ObjectStore store) {
        return new DatasetPreparation(store, workRoot(config));
    }

    @Produces
    @Singleton
    AugmentationScheduler augmentationScheduler(PreprocessingConfig config, ObjectStore store,
            PreprocessingEvents events, AugmentationMetrics metrics) {
        int threads = config.augmentation().threads().orElse(Runtime.getRuntime().availableProcessors());
        ExecutorService chunkExecutor = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "augment-chunks");
            thread.setDaemon(true);
            return thread;
        });
        AugmentationListener listener = new AugmentationListener() {
            @Override
            public void epochStored(AugmentationState state, int epoch, long images, Duration augmenting) {
                metrics.epochStored(images, augmenting);
            }

            @Override
            public void failed(AugmentationState state, String reason) {
                events.jobFailed(JobFailures.of(TrainingRequest.newBuilder().setJobId(state.jobId())
                        .setExperimentId(state.experimentId()).build(), PreparationHandler.STAGE, reason));
            }
        };
        AugmentationScheduler scheduler = new AugmentationScheduler(new AugmentationStorage(store), chunkExecutor,
                listener, config.augmentation().epochsAhead(), workRoot(config));
        metrics.watch(scheduler);
        return scheduler;
    }

    void closeScheduler(@Disposes AugmentationScheduler scheduler) {
        scheduler.close();
    }

    private static Path workRoot(PreprocessingConfig config) {
        return config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
