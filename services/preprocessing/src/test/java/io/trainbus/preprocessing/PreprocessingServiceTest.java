package io.trainbus.preprocessing;

import static io.trainbus.preprocessing.ServiceFixtures.await;
import static io.trainbus.preprocessing.ServiceFixtures.publish;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.preprocessing.prepare.PreparedManifest;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the service against the in-JVM Kafka broker and S3 server. The test stores the real CIFAR-10 files (from the
 * archive named by the system property {@code trainbus.test.cifar10}) as a raw dataset, as ingestion would, and
 * publishes {@code DatasetIngested} events for it.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class PreprocessingServiceTest {

    private static final String DATASET_ID = "preprocessing-test";

    @Inject
    ObjectStore store;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @TestHTTPResource("/q/health")
    URI health;

    private ObjectRef rawManifest;

    @BeforeEach
    void storeRawDataset() throws IOException {
        rawManifest = ServiceFixtures.storeRawDataset(store, DATASET_ID);
    }

    @Test
    void preparesLimitedSplitsAndReusesThem() throws Exception {
        String firstJob = "prepare-" + UUID.randomUUID();
        String secondJob = "same-" + UUID.randomUUID();

        publish(Topics.DATASETS_INGESTED, firstJob, ingested(firstJob, 200, 1000, 200).toByteArray());
        DatasetPrepared prepared = DatasetPrepared.parseFrom(await(Topics.DATASETS_PREPARED, firstJob).value());
        publish(Topics.DATASETS_INGESTED, secondJob, ingested(secondJob, 200, 1000, 200).toByteArray());
        DatasetPrepared reused = DatasetPrepared.parseFrom(await(Topics.DATASETS_PREPARED, secondJob).value());

        assertThat(prepared.getReused()).isFalse();
        assertThat(prepared.getRequest().getJobId()).isEqualTo(firstJob);
        assertThat(prepared.getDatasetId()).isEqualTo(DATASET_ID);
        assertThat(prepared.getTrain().getCount()).isEqualTo(800);
        assertThat(prepared.getValidation().getCount()).isEqualTo(200);
        assertThat(prepared.getTest().getCount()).isEqualTo(200);
        assertThat(prepared.getClassNamesList()).hasSize(10).startsWith("airplane").endsWith("truck");
        String prefix = ObjectKeys.preparedPrefix("cifar-10", DATASET_ID, prepared.getPreparedId());
        assertThat(prepared.getManifest().getKey()).isEqualTo(prefix + "manifest.json");
        assertThat(prepared.getTrain().getFeatures().getKey()).isEqualTo(prefix + "train_x.npy");
        assertThat(prepared.getTest().getLabels().getKey()).isEqualTo(prefix + "test_y.npy");

        checkShape(prepared.getTrain(), 800);
        checkShape(prepared.getValidation(), 200);
        checkShape(prepared.getTest(), 200);

        List<ImageRecord> firstRecords = readRecords(ServiceFixtures.UNPACKED.resolve("data_batch_1.bin"), 201);
        float[][] validationX = readRows(prepared.getValidation().getFeatures().getKey(), 1);
        float[][] validationY = readRows(prepared.getValidation().getLabels().getKey(), 1);
        float[][] trainX = readRows(prepared.getTrain().getFeatures().getKey(), 1);
        for (int i = 0; i < CifarFormat.PIXEL_BYTES; i++) {
            assertThat(validationX[0][i]).as("validation pixel %d", i)
                    .isEqualTo((firstRecords.get(0).pixels()[i] & 0xff) / 255f);
            assertThat(trainX[0][i]).as("first training row is record 200, pixel %d", i)
                    .isEqualTo((firstRecords.get(200).pixels()[i] & 0xff) / 255f);
        }
        assertThat(validationY[0][firstRecords.get(0).label()]).isEqualTo(1f);
        assertThat(sum(validationY[0])).isEqualTo(1f);

        PreparedManifest manifest = Json.MAPPER.readValue(store.getBytes(prepared.getManifest().getKey()),
                PreparedManifest.class);
        assertThat(manifest.normalisation()).isEqualTo("divide-by-255");
        assertThat(manifest.preparedId()).isEqualTo(prepared.getPreparedId());
        assertThat(manifest.classNames()).isEqualTo(prepared.getClassNamesList());
        for (PreparedManifest.Split split : manifest.splits()) {
            assertThat(split.perClass()).as("per-class counts of " + split.name()).hasSize(10);
            assertThat(split.perClass().stream().mapToLong(Long::longValue).sum()).as("records of " + split.name())
                    .isEqualTo(split.count());
            assertThat(split.features().shape()).containsExactly((long) split.count(), 3072L);
            assertThat(split.labels().shape()).containsExactly((long) split.count(), 10L);
        }
        assertThat(manifest.split("validation").perClass().get(firstRecords.get(0).label())).isPositive();

        assertThat(store.exists(ObjectKeys.augmentationState(firstJob))).as("mlp jobs are not augmented").isFalse();
        assertThat(reused.getReused()).isTrue();
        assertThat(reused.getRequest().getJobId()).isEqualTo(secondJob);
        assertThat(reused.getPreparedId()).isEqualTo(prepared.getPreparedId());
        assertThat(reused.getTrain()).isEqualTo(prepared.getTrain());
        assertThat(reused.getValidation()).isEqualTo(prepared.getValidation());
        assertThat(reused.getTest()).isEqualTo(prepared.getTest());
        assertThat(reused.getManifest()).isEqualTo(prepared.getManifest());
    }

    @Test
    void impossibleSplitFailsAndNextJobRuns() throws Exception {
        String failingJob = "split-" + UUID.randomUUID();
        String garbageJob = "garbage-" + UUID.randomUUID();
        String nextJob = "next-" + UUID.randomUUID();

        publish(Topics.DATASETS_INGESTED, failingJob, ingested(failingJob, 300, 300, 10).toByteArray());
        publish(Topics.DATASETS_INGESTED, garbageJob, new byte[] {(byte) 0xff, 0x01});
        publish(Topics.DATASETS_INGESTED, nextJob, ingested(nextJob, 20, 100, 10).toByteArray());

        JobFailed failure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, failingJob).value());
        assertThat(failure.getStage()).isEqualTo("preprocessing");
        assertThat(failure.getJobId()).isEqualTo(failingJob);
        assertThat(failure.getReason()).contains("dataset.validation_size 300").contains("from 1 to 299");
        JobFailed garbage = JobFailed.parseFrom(await(Topics.JOBS_FAILED, garbageJob).value());
        assertThat(garbage.getReason()).contains("not a binary Protobuf DatasetIngested");
        DatasetPrepared next = DatasetPrepared.parseFrom(await(Topics.DATASETS_PREPARED, nextJob).value());
        assertThat(next.getTrain().getCount()).isEqualTo(80);

        String metricsText = get(metrics);
        assertThat(metricsText)
                .containsPattern("trainbus_jobs_total\\{outcome=\"failed\",stage=\"preprocessing\"} [2-9]");
        assertThat(metricsText)
                .containsPattern("trainbus_jobs_total\\{outcome=\"prepared\",stage=\"preprocessing\"} [1-9]");
        assertThat(get(health)).contains("\"status\": \"UP\"");
    }

    private DatasetIngested ingested(String jobId, int validationSize, int trainLimit, int testLimit) {
        TrainingRequest request = TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setExperimentId("preprocessing-test")
                .setModel("mlp")
                .setDataset(DatasetSpec.newBuilder().setName("cifar-10").setValidationSize(validationSize)
                        .setTrainLimit(trainLimit).setTestLimit(testLimit))
                .build();
        return DatasetIngested.newBuilder()
                .setRequest(request)
                .setDatasetId(DATASET_ID)
                .setManifest(rawManifest)
                .build();
    }

    private void checkShape(TensorPair pair, int count) throws IOException {
        assertThat(header(pair.getFeatures().getKey())).containsExactly(count, CifarFormat.PIXEL_BYTES);
        assertThat(header(pair.getLabels().getKey())).containsExactly(count, CifarFormat.CLASS_COUNT);
        for (ObjectRef ref : List.of(pair.getFeatures(), pair.getLabels())) {
            assertThat(store.size(ref.getKey())).as(ref.getKey()).contains(ref.getSizeBytes());
            assertThat(ref.getSha256()).as("digest of " + ref.getKey()).hasSize(64);
        }
        assertThat(pair.getFeatures().getSizeBytes()).isEqualTo(128L + (long) count * CifarFormat.PIXEL_BYTES * 4);
    }

    private long[] header(String key) throws IOException {
        try (InputStream in = new ByteArrayInputStream(store.getBytes(key))) {
            return NpyFormat.readFloat32Header(in);
        }
    }

    private float[][] readRows(String key, int rows) throws IOException {
        try (InputStream in = new ByteArrayInputStream(store.getBytes(key))) {
            long[] shape = NpyFormat.readFloat32Header(in);
            DataInputStream data = new DataInputStream(in);
            float[][] values = new float[rows][(int) shape[1]];
            byte[] row = new byte[(int) shape[1] * Float.BYTES];
            for (float[] target : values) {
                data.readFully(row);
                ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(target);
            }
            return values;
        }
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static float sum(float[] values) {
        float total = 0;
        for (float value : values) {
            total += value;
        }
        return total;
    }

    private static List<ImageRecord> readRecords(Path file, int count) throws IOException {
        List<ImageRecord> records = new ArrayList<>();
        try (RecordReader reader = new RecordReader(Files.newInputStream(file), file.toString(), CifarFormat.SHAPE,
                CifarFormat.CLASS_COUNT)) {
            for (ImageRecord record = reader.next(); record != null && records.size() < count;
                    record = reader.next()) {
                records.add(record);
            }
        }
        return records;
    }
}
