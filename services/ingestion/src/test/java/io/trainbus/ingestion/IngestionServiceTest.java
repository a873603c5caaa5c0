package io.trainbus.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.RequestParser;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.ingestion.dataset.DatasetIds;
import io.trainbus.ingestion.idx.IdxFiles;
import io.trainbus.ingestion.messaging.IngestionEvents;
import io.trainbus.ingestion.source.ConnectionCounter;
import io.trainbus.ingestion.source.SourcePolicy;
import io.trainbus.localstack.JobRecordWaits;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.JobFailed;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Runs the service against the in-JVM Kafka broker and S3 server with the real CIFAR-10 archive from the system
 * property {@code trainbus.test.cifar10} and the real Fashion-MNIST folder from {@code trainbus.test.fashion-mnist}.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class IngestionServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    @Inject
    ObjectStore store;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @TestHTTPResource("/q/health")
    URI health;

    @BeforeAll
    static void requireArchive() {
        String archive = System.getProperty("trainbus.test.cifar10", "");
        assertThat(!archive.isEmpty() && Files.isRegularFile(Path.of(archive)))
                .as("The CIFAR-10 archive '" + archive + "' (system property trainbus.test.cifar10) is missing. "
                        + "Set that property to the path of cifar-10-binary.tar.gz.")
                .isTrue();
        String fashion = System.getProperty("trainbus.test.fashion-mnist", "");
        assertThat(!fashion.isEmpty() && Files.isDirectory(Path.of(fashion)))
                .as("The Fashion-MNIST folder '" + fashion + "' (system property trainbus.test.fashion-mnist) is "
                        + "missing. Install the Debian package dataset-fashion-mnist or set the property.")
                .isTrue();
    }

    @Test
    void fashionMnistIsConvertedAndStored() throws Exception {
        String jobId = "fashion-" + UUID.randomUUID();

        publish(jobId, withDataset(jobId, "fashion-mnist", ""));
        DatasetIngested ingested = DatasetIngested.parseFrom(await(Topics.DATASETS_INGESTED, jobId).value());

        String prefix = ObjectKeys.rawPrefix("fashion-mnist", ingested.getDatasetId());
        assertThat(ingested.getManifest().getKey()).isEqualTo(prefix + "manifest.json");
        RawManifest manifest = Json.MAPPER.readValue(store.getBytes(ingested.getManifest().getKey()),
                RawManifest.class);
        assertThat(manifest.dataset()).isEqualTo("fashion-mnist");
        assertThat(manifest.shape()).isEqualTo(new ImageShape(28, 28, 1));
        assertThat(manifest.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        RawManifest.SplitCounts train = manifest.split(RawManifest.TRAIN);
        RawManifest.SplitCounts test = manifest.split(RawManifest.TEST);
        assertThat(train.records()).isEqualTo(60_000);
        assertThat(train.perClass()).hasSize(10).containsOnly(6_000L);
        assertThat(train.files()).containsExactly("train.bin");
        assertThat(test.records()).isEqualTo(10_000);
        assertThat(test.perClass()).hasSize(10).containsOnly(1_000L);
        assertThat(test.files()).containsExactly("test.bin");
        assertThat(manifest.files()).extracting(RawManifest.FileEntry::name).containsExactly("train.bin", "test.bin");
        assertThat(manifest.file("train.bin").sizeBytes()).isEqualTo(60_000L * 785);
        assertThat(manifest.file("test.bin").sizeBytes()).isEqualTo(10_000L * 785);
        for (RawManifest.FileEntry file : manifest.files()) {
            assertThat(store.size(prefix + file.name())).as(file.name()).contains(file.sizeBytes());
        }
        assertThat(manifest.datasetId()).as("content address of the stored files")
                .isEqualTo(DatasetIds.of(manifest.files()));
    }

    @Test
    void brokenIdxFileFailsJobNamingFile() throws Exception {
        String jobId = "bad-idx-" + UUID.randomUUID();
        Path folder = Files.createDirectories(Path.of("target/test-datasets", jobId)).toAbsolutePath();
        Files.write(folder.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(2, 28, 28)));
        Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(1, 2)));
        Path rawNamedGzip = Files.write(folder.resolve("t10k-images-idx3-ubyte"),
                IdxFiles.gzip(IdxFiles.images(2, 28, 28)));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), IdxFiles.labels(3, 4));

        publish(jobId, withDataset(jobId, "fashion-mnist", folder.toString()));
        JobFailed failure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, jobId).value());

        assertThat(failure.getStage()).isEqualTo("ingestion");
        assertThat(failure.getReason()).contains(rawNamedGzip.toString())
                .contains("byte offset 0")
                .contains("Name it t10k-images-idx3-ubyte.gz or gunzip it");
        try (Stream<Path> work = Files.list(Path.of("target/ingestion-cache/work"))) {
            assertThat(work.toList()).as("converted files left after the failure").isEmpty();
        }
        assertThat(get(health)).contains("\"status\": \"UP\"");
    }

    @Test
    void requestStoresDatasetAndSecondRequestReusesIt() throws Exception {
        String firstJob = "ingest-" + UUID.randomUUID();
        String secondJob = "again-" + UUID.randomUUID();

        publish(firstJob, request(firstJob));
        ConsumerRecord<String, byte[]> first = await(Topics.DATASETS_INGESTED, firstJob);
        publish(secondJob, request(secondJob));
        ConsumerRecord<String, byte[]> second = await(Topics.DATASETS_INGESTED, secondJob);

        DatasetIngested ingested = DatasetIngested.parseFrom(first.value());
        assertThat(ingested.getRequest().getJobId()).isEqualTo(firstJob);
        assertThat(ingested.getRequest().getDataset().getValidationSize()).as("default applied").isEqualTo(5000);
        assertThat(ingested.getRequest().getBatchSize()).as("default applied").isEqualTo(32);
        assertThat(ingested.getDatasetId()).hasSize(64);
        String prefix = ObjectKeys.rawPrefix("cifar-10", ingested.getDatasetId());
        assertThat(ingested.getManifest().getKey()).isEqualTo(prefix + "manifest.json");

        byte[] manifestBytes = store.getBytes(ingested.getManifest().getKey());
        assertThat(Digests.sha256Hex(manifestBytes)).isEqualTo(ingested.getManifest().getSha256());
        RawManifest manifest = Json.MAPPER.readValue(manifestBytes, RawManifest.class);
        assertThat(manifest.datasetId()).isEqualTo(ingested.getDatasetId());
        assertThat(manifest.classNames()).containsExactly("airplane", "automobile", "bird", "cat", "deer", "dog",
                "frog", "horse", "ship", "truck");
        assertThat(manifest.splits().get("train").records()).isEqualTo(50_000);
        assertThat(manifest.splits().get("test").records()).isEqualTo(10_000);
        assertThat(manifest.splits().get("train").perClass()).containsOnly(5_000L);
        assertThat(manifest.splits().get("test").perClass()).containsOnly(1_000L);
        assertThat(manifest.files()).extracting(RawManifest.FileEntry::name)
                .containsExactlyElementsOf(CifarFormat.ALL_FILES);
        for (RawManifest.FileEntry file : manifest.files()) {
            assertThat(store.size(prefix + file.name())).as(file.name()).contains(file.sizeBytes());
            assertThat(file.sha256()).as(file.name()).hasSize(64);
        }
        Map<String, String> published = publishedDigests();
        for (RawManifest.FileEntry file : manifest.files()) {
            assertThat(file.sha256()).as("SHA-256 of " + file.name() + " against SHA256SUMS")
                    .isEqualTo(published.get(file.name()));
        }
        assertThat(manifest.file("data_batch_1.bin").sizeBytes()).isEqualTo(30_730_000L);
        assertThat(manifest.file("data_batch_1.bin").records()).isEqualTo(10_000);
        assertThat(store.getBytes(prefix + "data_batch_1.bin")).hasSize(30_730_000);

        DatasetIngested reused = DatasetIngested.parseFrom(second.value());
        assertThat(reused.getReused()).isTrue();
        assertThat(reused.getDatasetId()).isEqualTo(ingested.getDatasetId());
        assertThat(reused.getManifest()).isEqualTo(ingested.getManifest());
        assertThat(reused.getRequest().getJobId()).isEqualTo(secondJob);
    }

    @Test
    void invalidRequestsAreRejectedAndConsumingGoesOn() throws Exception {
        String garbageKey = "garbage-" + UUID.randomUUID();
        String invalidJob = "invalid-" + UUID.randomUUID();
        String validJob = "after-" + UUID.randomUUID();
        byte[] garbage = {(byte) 0xff, 0x00, 0x13, 0x37};
        byte[] invalid = ("{\"jobId\": \"" + invalidJob + "\", \"model\": \"cnn\", \"batchSize\": 0}")
                .getBytes(StandardCharsets.UTF_8);

        publish(garbageKey, garbage);
        publish(invalidJob, invalid);
        publish(validJob, request(validJob));

        JobFailed garbageFailure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, garbageKey).value());
        assertThat(garbageFailure.getJobId()).as("the record key stands in for the job id").isEqualTo(garbageKey);
        assertThat(garbageFailure.getStage()).isEqualTo("ingestion");
        assertThat(garbageFailure.getReason()).contains("neither JSON nor binary Protobuf");
        ConsumerRecord<String, byte[]> garbageDead = await(Topics.REQUESTS_DEAD_LETTER, garbageKey);
        assertThat(garbageDead.value()).containsExactly(garbage);
        assertThat(header(garbageDead, IngestionEvents.HEADER_REASON)).contains("neither JSON nor binary Protobuf");

        JobFailed invalidFailure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, invalidJob).value());
        assertThat(invalidFailure.getJobId()).isEqualTo(invalidJob);
        assertThat(invalidFailure.getStage()).isEqualTo("ingestion");
        assertThat(invalidFailure.getField()).isEqualTo("batch_size");
        assertThat(invalidFailure.getValue()).isEqualTo("0");
        ConsumerRecord<String, byte[]> invalidDead = await(Topics.REQUESTS_DEAD_LETTER, invalidJob);
        assertThat(invalidDead.value()).containsExactly(invalid);
        assertThat(header(invalidDead, IngestionEvents.HEADER_FIELD)).isEqualTo("batch_size");
        assertThat(header(invalidDead, IngestionEvents.HEADER_VALUE)).isEqualTo("0");
        assertThat(header(invalidDead, IngestionEvents.HEADER_STAGE)).isEqualTo("ingestion");

        DatasetIngested after = DatasetIngested.parseFrom(await(Topics.DATASETS_INGESTED, validJob).value());
        assertThat(after.getRequest().getJobId()).isEqualTo(validJob);

        String metricsText = get(metrics);
        assertThat(metricsText)
                .containsPattern("trainbus_jobs_total\\{outcome=\"rejected\",stage=\"ingestion\"} [2-9]")
                .containsPattern("trainbus_stage_duration_seconds_count\\{stage=\"ingestion\"} [1-9]")
                .containsPattern("trainbus_messages_consumed_total\\{topic=\"trainbus.requests\"} [2-9]")
                .containsPattern("trainbus_messages_produced_total\\{topic=\"trainbus.requests.dead-letter\"} [2-9]")
                .containsPattern("trainbus_messages_produced_total\\{topic=\"trainbus.datasets.ingested\"} [1-9]")
                .contains("trainbus_messages_in_progress{topic=\"trainbus.requests\"}")
                .containsPattern("trainbus_object_store_bytes_total\\{operation=\"put\"} [1-9]")
                .contains("trainbus_object_store_errors_total{operation=\"put\"} 0.0");
        assertThat(get(health)).contains("\"status\": \"UP\"");
    }

    @Test
    void untrustedSourcesAndOversizedRequestsAreRejected() throws Exception {
        String urlJob = "url-" + UUID.randomUUID();
        String pathJob = "path-" + UUID.randomUUID();
        String largeJob = "large-" + UUID.randomUUID();
        byte[] large = ("{\"jobId\": \"" + largeJob + "\", \"model\": \"mlp\", \"experimentId\": \""
                + " ".repeat(RequestParser.MAX_REQUEST_BYTES) + "\"}").getBytes(StandardCharsets.UTF_8);

        try (ConnectionCounter counter = ConnectionCounter.start()) {
            String url = counter.url("/cifar-10-binary.tar.gz");
            publish(urlJob, withSource(urlJob, url));
            publish(pathJob, withSource(pathJob, "/etc"));
            publish(largeJob, large);

            JobFailed urlFailure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, urlJob).value());
            assertThat(urlFailure.getField()).isEqualTo("dataset.source");
            assertThat(urlFailure.getValue()).isEqualTo(url);
            assertThat(urlFailure.getReason()).contains("Dataset source " + url + " is not allowed")
                    .contains("add http://127.0.0.1:" + counter.port() + " to " + SourcePolicy.ALLOWED_ORIGINS);
            ConsumerRecord<String, byte[]> urlDead = await(Topics.REQUESTS_DEAD_LETTER, urlJob);
            assertThat(header(urlDead, IngestionEvents.HEADER_REASON)).contains(SourcePolicy.ALLOWED_ORIGINS);
            assertThat(counter.accepted()).as("connections to the rejected URL").isZero();
        }

        JobFailed pathFailure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, pathJob).value());
        assertThat(pathFailure.getField()).isEqualTo("dataset.source");
        assertThat(pathFailure.getReason()).contains("/etc").contains(SourcePolicy.ALLOWED_ROOTS);

        JobFailed largeFailure = JobFailed.parseFrom(await(Topics.JOBS_FAILED, largeJob).value());
        assertThat(largeFailure.getReason()).contains(large.length + " bytes")
                .contains("limit of " + RequestParser.MAX_REQUEST_BYTES + " bytes");
        ConsumerRecord<String, byte[]> largeDead = await(Topics.REQUESTS_DEAD_LETTER, largeJob);
        assertThat(largeDead.value()).containsExactly(large);
        assertThat(header(largeDead, IngestionEvents.HEADER_VALUE)).isEqualTo(large.length + " bytes");
        assertThat(get(health)).contains("\"status\": \"UP\"");
    }

    /** Reads the SHA256SUMS file published next to the test archive, keyed by file name. */
    private static Map<String, String> publishedDigests() throws Exception {
        Path sums = Path.of(System.getProperty("trainbus.test.cifar10")).resolveSibling("SHA256SUMS");
        Map<String, String> digests = new HashMap<>();
        for (String line : Files.readAllLines(sums)) {
            String[] parts = line.trim().split("\\s+");
            if (parts.length == 2) {
                digests.put(Path.of(parts[1]).getFileName().toString(), parts[0]);
            }
        }
        return digests;
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static byte[] request(String jobId) {
        return ("{\"jobId\": \"" + jobId + "\", \"model\": \"mlp\", \"epochs\": 1}").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withDataset(String jobId, String dataset, String source) {
        String json = "{\"jobId\": \"%s\", \"model\": \"mlp\", \"dataset\": {\"name\": \"%s\", "
                + "\"source\": \"%s\"}}";
        return json.formatted(jobId, dataset, source).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withSource(String jobId, String source) {
        String json = "{\"jobId\": \"%s\", \"model\": \"mlp\", \"dataset\": {\"source\": \"%s\"}}";
        return json.formatted(jobId, source).getBytes(StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        assertThat(header).as("header " + name).isNotNull();
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void publish(String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, key, value)).get();
        }
    }

    /** Waits for the first record with {@code key} on {@code topic}, failing with the key's JobFailed reasons. */
    private static ConsumerRecord<String, byte[]> await(String topic, String key) {
        return JobRecordWaits.await(LocalStackTestResource.current().bootstrapServers(), topic, key, TIMEOUT);
    }
}
