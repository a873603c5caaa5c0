package io.trainbus.preprocessing;

import static io.trainbus.preprocessing.ServiceFixtures.await;
import static io.trainbus.preprocessing.ServiceFixtures.publish;
import static io.trainbus.preprocessing.augment.StatusWaits.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.augment.AugmentedEpochManifest;
import io.trainbus.common.augment.AugmentedEpochReader;
import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.preprocessing.augment.AugmentationScheduler;
import io.trainbus.preprocessing.augment.AugmentationState;
import io.trainbus.preprocessing.augment.AugmentationStatus;
import io.trainbus.preprocessing.augment.NpyFiles;
import io.trainbus.preprocessing.prepare.PreparedIds;
import io.trainbus.preprocessing.prepare.PreparedManifest;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An optimized-CNN job on a 300-record slice of the real CIFAR-10 files, against the in-JVM Kafka broker and S3
 * server: z-scored tensors, then augmented epochs produced at most two ahead of the epochs this test reports as the
 * trainer would, kept across a simulated restart and deleted when the job completes.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class AugmentationServiceTest {

    private static final String DATASET_ID = "augmentation-test";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;

    @Inject
    AugmentationScheduler scheduler;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @TempDir
    Path temp;

    @Test
    void epochsStayBoundedAheadOfTrainer() throws Exception {
        String jobId = "augment-" + UUID.randomUUID();
        TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setModel("optimized-cnn")
                .setEpochs(5)
                .setDataset(DatasetSpec.newBuilder().setValidationSize(100).setTrainLimit(300).setTestLimit(50))
                .build());
        DatasetIngested ingested = DatasetIngested.newBuilder()
                .setRequest(request)
                .setDatasetId(DATASET_ID)
                .setManifest(ServiceFixtures.storeRawDataset(store, DATASET_ID))
                .build();

        publish(Topics.DATASETS_INGESTED, jobId, ingested.toByteArray());
        DatasetPrepared prepared = DatasetPrepared.parseFrom(await(Topics.DATASETS_PREPARED, jobId).value());

        PreparedManifest manifest = Json.MAPPER.readValue(store.getBytes(prepared.getManifest().getKey()),
                PreparedManifest.class);
        assertThat(manifest.normalisation()).isEqualTo("zscore");
        assertThat(manifest.pixelOffset()).as("training pixel mean").isBetween(60.0, 200.0);
        assertThat(manifest.pixelDivisor()).as("training pixel deviation").isBetween(30.0, 120.0);
        assertThat(prepared.getPreparedId()).isEqualTo(PreparedIds.of(DATASET_ID, request.getDataset(), "zscore"))
                .isNotEqualTo(PreparedIds.of(DATASET_ID, request.getDataset(), "divide-by-255"));
        Path trainFeatures = temp.resolve("train_x.npy");
        store.getFile(prepared.getTrain().getFeatures().getKey(), trainFeatures);
        checkStandardised(trainFeatures);

        AugmentationStatus full = awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.storedEpochs().size() == 2);
        assertThat(full.storedEpochs()).containsExactly(1, 2);
        assertThat(full.lastCompletedEpoch()).isZero();
        assertThat(store.exists(ObjectKeys.augmentedManifest(jobId, 3))).as("epoch 3 waits for the trainer")
                .isFalse();

        AugmentedEpochReader reader = new AugmentedEpochReader(store);
        Path epochTwo = reader.awaitFeatures(jobId, 2, temp, WAIT);
        AugmentedEpochManifest epochTwoManifest = reader.awaitManifest(jobId, 2, WAIT);
        assertThat(epochTwoManifest.rows()).isEqualTo(200);
        assertThat(epochTwoManifest.preparedId()).isEqualTo(prepared.getPreparedId());
        assertThat(Files.size(epochTwo)).isEqualTo(Files.size(trainFeatures));
        assertThat(Files.readAllBytes(epochTwo)).as("augmented differs from prepared")
                .isNotEqualTo(Files.readAllBytes(trainFeatures));
        assertThat(Files.readAllBytes(epochTwo)).as("the same seed and epoch give the same bytes")
                .isEqualTo(Files.readAllBytes(ServiceFixtures.augmentLocally(trainFeatures,
                        temp.resolve("local-epoch-2.npy"), CifarFormat.SHAPE, request, 2)));

        publish(Topics.TRAINING_EPOCHS, jobId, epoch(jobId, 1).toByteArray());
        reader.awaitManifest(jobId, 3, WAIT);
        AugmentationStatus moved = awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.lastCompletedEpoch() == 1
                && status.storedEpochs().size() == 2);
        assertThat(moved.storedEpochs()).containsExactly(2, 3);
        assertThat(store.exists(ObjectKeys.augmentedManifest(jobId, 1))).as("finished epoch deleted").isFalse();
        assertThat(store.exists(ObjectKeys.augmentedFeatures(jobId, 1))).as("finished features deleted").isFalse();
        AugmentationState stored = Json.MAPPER.readValue(store.getBytes(ObjectKeys.augmentationState(jobId)),
                AugmentationState.class);
        assertThat(stored.lastCompletedEpoch()).isEqualTo(1);

        scheduler.close();
        assertThat(scheduler.status(jobId)).as("stopped like a shut-down service").isEmpty();
        assertThat(store.exists(ObjectKeys.augmentedManifest(jobId, 3))).as("kept for the restart").isTrue();
        scheduler.recover();
        AugmentationStatus resumed = awaitStatus(scheduler, jobId, WAIT, AugmentationStatus::waiting);
        assertThat(resumed.lastCompletedEpoch()).isEqualTo(1);
        assertThat(resumed.storedEpochs()).containsExactly(2, 3);

        publish(Topics.TRAINING_EPOCHS, jobId, epoch(jobId, 2).toByteArray());
        reader.awaitManifest(jobId, 4, WAIT);
        publish(Topics.TRAINING_COMPLETED, jobId, TrainingCompleted.newBuilder().setRequest(request).setEpochsRun(2)
                .build().toByteArray());
        awaitDeleted(ObjectKeys.augmentationState(jobId));
        awaitDeleted(ObjectKeys.augmentedPrefix(jobId));
        assertThat(scheduler.status(jobId)).isEmpty();

        String metricsText = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metricsText).containsPattern("trainbus_augmentation_images_total [0-9.E]+");
        assertThat(metricsText).doesNotContain("trainbus_augmentation_images_total 0.0");
        assertThat(metricsText).containsPattern("trainbus_augmentation_epoch_seconds_count [4-9]");
        assertThat(metricsText).containsPattern("trainbus_augmentation_jobs [0-9]");
    }

    private static EpochCompleted epoch(String jobId, int epoch) {
        return EpochCompleted.newBuilder().setJobId(jobId).setModel("optimized-cnn").setEpoch(epoch).setEpochs(5)
                .build();
    }

    /** Checks that the training split has mean 0 and standard deviation 1 over all its values. */
    private static void checkStandardised(Path features) throws Exception {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (float[] row : NpyFiles.read(features)) {
            for (float value : row) {
                sum += value;
                squares += (double) value * value;
                count++;
            }
        }
        double mean = sum / count;
        assertThat(mean).as("mean of the z-scored training split").isCloseTo(0.0,
                within(1e-4));
        assertThat(Math.sqrt(squares / count - mean * mean)).as("deviation of the z-scored training split")
                .isCloseTo(1.0, within(1e-4));
    }

    private void awaitDeleted(String prefix) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!store.list(prefix).isEmpty()) {
            assertThat(System.nanoTime()).as("objects under %s deleted; left: %s", prefix, store.list(prefix))
                    .isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
