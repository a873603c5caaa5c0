package io.trainbus.preprocessing;

import static io.trainbus.preprocessing.ServiceFixtures.await;
import static io.trainbus.preprocessing.ServiceFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.augment.AugmentedEpochManifest;
import io.trainbus.common.augment.AugmentedEpochReader;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.preprocessing.augment.NpyFiles;
import io.trainbus.preprocessing.prepare.PreparedManifest;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.PreprocessingSpec;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the service on a 28x28 grayscale dataset ({@link SyntheticGrayDataset}, stored as ingestion stores
 * Fashion-MNIST) against the in-JVM Kafka broker and S3 server: tensors of 784 values per image with either
 * normalization, and augmented epochs of one-channel images.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class GrayDatasetServiceTest {

    private static final String DATASET_ID = "gray-test";
    private static final int PIXELS = 28 * 28;
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    ObjectStore store;

    @TempDir
    Path temp;

    private ObjectRef rawManifest;

    @BeforeEach
    void storeRawDataset() throws IOException {
        rawManifest = SyntheticGrayDataset.store(store, DATASET_ID);
    }

    @Test
    void scaleWritesPixelsOver255() throws Exception {
        String jobId = "gray-scale-" + UUID.randomUUID();
        TrainingRequest request = request(jobId, "mlp", 40, 200, 50).build();

        publish(Topics.DATASETS_INGESTED, jobId, ingested(request).toByteArray());
        DatasetPrepared prepared = DatasetPrepared.parseFrom(await(Topics.DATASETS_PREPARED, jobId).value());

        assertThat(prepared.getTrain().getCount()).isEqualTo(160);
        assertThat(prepared.getValidation().getCount()).isEqualTo(40);
        assertThat(prepared.getTest().getCount()).isEqualTo(50);
        assertThat(prepared.getClassNamesList()).hasSize(10).startsWith("T-shirt/top");
        assertThat(prepared.getManifest().getKey()).startsWith(ObjectKeys.preparedPrefix("fashion-mnist",
                DATASET_ID, prepared.getPreparedId()));
        checkShapes(prepared);
        PreparedManifest manifest = manifest(prepared);
        assertThat(manifest.normalisation()).isEqualTo("divide-by-255");
        assertThat(manifest.shape()).isEqualTo(SyntheticGrayDataset.SHAPE);

        float[][] validation = rows(prepared.getValidation().getFeatures());
        float[][] train = rows(prepared.getTrain().getFeatures());
        float[][] test = rows(prepared.getTest().getFeatures());
        for (int i = 0; i < PIXELS; i++) {
            assertThat(validation[0][i]).as("validation row 0 is record 0, pixel %d", i)
                    .isEqualTo(SyntheticGrayDataset.trainPixel(0, i) / 255f);
            assertThat(train[0][i]).as("training row 0 is record 40, pixel %d", i)
                    .isEqualTo(SyntheticGrayDataset.trainPixel(40, i) / 255f);
            assertThat(train[159][i]).as("training row 159 is record 199, pixel %d", i)
                    .isEqualTo(SyntheticGrayDataset.trainPixel(199, i) / 255f);
            assertThat(test[49][i]).as("test row 49, pixel %d", i)
                    .isEqualTo(SyntheticGrayDataset.testPixel(49, i) / 255f);
        }
        float[][] trainLabels = rows(prepared.getTrain().getLabels());
        float[][] testLabels = rows(prepared.getTest().getLabels());
        for (int row = 0; row < 160; row++) {
            assertThat(trainLabels[row][SyntheticGrayDataset.trainLabel(40 + row)]).as("label of training row %d",
                    row).isEqualTo(1f);
        }
        assertThat(testLabels[7][SyntheticGrayDataset.testLabel(7)]).isEqualTo(1f);
    }

    @Test
    void zscoreUsesTrainingStatistics() throws Exception {
        String jobId = "gray-zscore-" + UUID.randomUUID();
        TrainingRequest request = request(jobId, "mlp", 30, 150, 20)
                .setPreprocessing(PreprocessingSpec.newBuilder().setNormalization("zscore"))
                .build();

        publish(Topics.DATASETS_INGESTED, jobId, ingested(request).toByteArray());
        DatasetPrepared prepared = DatasetPrepared.parseFrom(await(Topics.DATASETS_PREPARED, jobId).value());

        checkShapes(prepared);
        PreparedManifest manifest = manifest(prepared);
        assertThat(manifest.normalisation()).isEqualTo("zscore");
        assertThat(manifest.shape()).isEqualTo(SyntheticGrayDataset.SHAPE);
        double sum = 0;
        double squares = 0;
        for (int record = 30; record < 150; record++) {
            for (int i = 0; i < PIXELS; i++) {
                int pixel = SyntheticGrayDataset.trainPixel(record, i);
                sum += pixel;
                squares += (double) pixel * pixel;
            }
        }
        long count = 120L * PIXELS;
        double mean = sum / count;
        double deviation = Math.sqrt(squares / count - mean * mean);
        assertThat(manifest.pixelOffset()).as("mean of training records 30 to 149").isCloseTo(mean, within(1e-4));
        assertThat(manifest.pixelDivisor()).as("their deviation").isCloseTo(deviation, within(1e-4));

        float offset = (float) manifest.pixelOffset();
        float divisor = (float) manifest.pixelDivisor();
        float[][] validation = rows(prepared.getValidation().getFeatures());
        float[][] train = rows(prepared.getTrain().getFeatures());
        float[][] test = rows(prepared.getTest().getFeatures());
        for (int i = 0; i < PIXELS; i++) {
            assertThat(validation[29][i]).isEqualTo((SyntheticGrayDataset.trainPixel(29, i) - offset) / divisor);
            assertThat(train[0][i]).isEqualTo((SyntheticGrayDataset.trainPixel(30, i) - offset) / divisor);
            assertThat(test[19][i]).isEqualTo((SyntheticGrayDataset.testPixel(19, i) - offset) / divisor);
        }
    }

    @Test
    void augmentedEpochsHaveOneChannel() throws Exception {
        String jobId = "gray-augment-" + UUID.randomUUID();
        TrainingRequest request = RequestDefaults.apply(request(jobId, "optimized-cnn", 20, 100, 10).setEpochs(2)
                .build());

        publish(Topics.DATASETS_INGESTED, jobId, ingested(request).toByteArray());
        DatasetPrepared prepared = DatasetPrepared.parseFrom(await(Topics.DATASETS_PREPARED, jobId).value());
        AugmentedEpochReader reader = new AugmentedEpochReader(store);
        Path epochTwo = reader.awaitFeatures(jobId, 2, temp, WAIT);
        AugmentedEpochManifest epochTwoManifest = reader.awaitManifest(jobId, 2, WAIT);

        assertThat(manifest(prepared).normalisation()).isEqualTo("zscore");
        assertThat(epochTwoManifest.rows()).isEqualTo(80);
        assertThat(epochTwoManifest.columns()).isEqualTo(PIXELS);
        assertThat(header(Files.readAllBytes(epochTwo))).containsExactly(80L, PIXELS);
        Path trainFeatures = temp.resolve("train_x.npy");
        store.getFile(prepared.getTrain().getFeatures().getKey(), trainFeatures);
        assertThat(Files.readAllBytes(epochTwo)).as("augmented differs from prepared")
                .isNotEqualTo(Files.readAllBytes(trainFeatures));
        assertThat(Files.readAllBytes(epochTwo)).as("the same seed and epoch give the same bytes")
                .isEqualTo(Files.readAllBytes(ServiceFixtures.augmentLocally(trainFeatures,
                        temp.resolve("local-epoch-2.npy"), SyntheticGrayDataset.SHAPE, request, 2)));

        publish(Topics.TRAINING_COMPLETED, jobId, TrainingCompleted.newBuilder().setRequest(request).setEpochsRun(2)
                .build().toByteArray());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (store.exists(ObjectKeys.augmentationState(jobId)) || !store.list(ObjectKeys.augmentedPrefix(jobId))
                .isEmpty()) {
            assertThat(System.nanoTime()).as("state and epochs of %s deleted", jobId).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    void wrongDatasetShapeFailsJob() throws Exception {
        String jobId = "gray-as-cifar-" + UUID.randomUUID();
        TrainingRequest request = request(jobId, "mlp", 20, 100, 10)
                .setDataset(DatasetSpec.newBuilder().setName("cifar-10").setValidationSize(20).setTrainLimit(100)
                        .setTestLimit(10))
                .build();

        publish(Topics.DATASETS_INGESTED, jobId, ingested(request).toByteArray());
        JobFailed failure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, jobId).value());

        assertThat(failure.getStage()).isEqualTo("preprocessing");
        assertThat(failure.getReason()).contains(DATASET_ID).contains("28x28x1").contains("32x32x3")
                .contains("ingestion stores cifar-10");
    }

    private static TrainingRequest.Builder request(String jobId, String model, int validationSize, int trainLimit,
            int testLimit) {
        return TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setExperimentId("gray-test")
                .setModel(model)
                .setDataset(DatasetSpec.newBuilder().setName(SyntheticGrayDataset.DATASET)
                        .setValidationSize(validationSize).setTrainLimit(trainLimit).setTestLimit(testLimit));
    }

    private DatasetIngested ingested(TrainingRequest request) {
        return DatasetIngested.newBuilder().setRequest(request).setDatasetId(DATASET_ID).setManifest(rawManifest)
                .build();
    }

    private PreparedManifest manifest(DatasetPrepared prepared) throws IOException {
        return Json.MAPPER.readValue(store.getBytes(prepared.getManifest().getKey()), PreparedManifest.class);
    }

    /** Checks the .npy headers and the manifest's shapes: [n, 784] features and [n, 10] labels per split. */
    private void checkShapes(DatasetPrepared prepared) throws IOException {
        for (TensorPair pair : new TensorPair[] {prepared.getTrain(), prepared.getValidation(), prepared.getTest()}) {
            long count = pair.getCount();
            assertThat(header(store.getBytes(pair.getFeatures().getKey()))).as(pair.getFeatures().getKey())
                    .containsExactly(count, PIXELS);
            assertThat(header(store.getBytes(pair.getLabels().getKey()))).as(pair.getLabels().getKey())
                    .containsExactly(count, 10L);
            assertThat(pair.getFeatures().getSizeBytes()).isEqualTo(128L + count * PIXELS * Float.BYTES);
        }
        for (PreparedManifest.Split split : manifest(prepared).splits()) {
            assertThat(split.features().shape()).as(split.name()).containsExactly((long) split.count(),
                    (long) PIXELS);
            assertThat(split.labels().shape()).as(split.name()).containsExactly((long) split.count(), 10L);
        }
    }

    private static long[] header(byte[] npy) throws IOException {
        try (InputStream in = new ByteArrayInputStream(npy)) {
            return NpyFormat.readFloat32Header(in);
        }
    }

    private float[][] rows(ObjectRef ref) throws IOException {
        Path file = temp.resolve(Path.of(ref.getKey()).getFileName());
        store.getFile(ref.getKey(), file);
        return NpyFiles.read(file);
    }
}
