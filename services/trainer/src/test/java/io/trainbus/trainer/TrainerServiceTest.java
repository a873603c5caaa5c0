package io.trainbus.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.models.Checkpoints;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.inject.Inject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TrainerServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @Inject
    ObjectStore store;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @TestHTTPResource("/q/health")
    URI health;

    @Test
    void trainsJobAndPublishesEpochsAndCompletion() throws Exception {
        String jobId = "ok-" + UUID.randomUUID();
        DatasetPrepared prepared = uploadTensors(jobId, 96, 32);

        publish(jobId, prepared);

        List<EpochCompleted> epochs = new ArrayList<>();
        TrainingCompleted completed = null;
        try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.TRAINING_EPOCHS, Topics.TRAINING_COMPLETED,
                Topics.JOBS_FAILED)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (completed == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!jobId.equals(record.key())) {
                        continue;
                    }
                    switch (record.topic()) {
                        case Topics.TRAINING_EPOCHS -> epochs.add(EpochCompleted.parseFrom(record.value()));
                        case Topics.TRAINING_COMPLETED -> completed = TrainingCompleted.parseFrom(record.value());
                        default -> throw new AssertionError("Job failed: " + JobFailed.parseFrom(record.value()));
                    }
                }
            }
        }

        assertThat(completed).as("TrainingCompleted of " + jobId).isNotNull();
        assertThat(epochs).extracting(EpochCompleted::getEpoch).containsExactly(1, 2);
        assertThat(epochs).extracting(EpochCompleted::getEpochs).containsExactly(2, 2);
        assertThat(epochs).allSatisfy(epoch -> {
            assertThat(epoch.getModel()).isEqualTo("mlp");
            assertThat(epoch.getLoss()).isPositive();
            assertThat(epoch.getValAccuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.getImagesPerSecond()).isPositive();
            assertThat(epoch.getLearningRate()).isEqualTo(0.001);
        });
        assertThat(epochs.get(0).getBestReplaced()).isTrue();

        assertThat(completed.getEpochsRun()).isEqualTo(2);
        assertThat(completed.getParameters()).isEqualTo(3_590_642L);
        assertThat(completed.getPrepared()).isEqualTo(prepared);
        assertThat(completed.getBestEpoch()).isBetween(1, 2);
        assertThat(epochs.get(completed.getBestEpoch() - 1).getValLoss()).isEqualTo(completed.getBestValLoss());
        assertThat(completed.getBestCheckpoint().getKey()).isEqualTo(ObjectKeys.bestCheckpoint(jobId));
        assertThat(completed.getLastCheckpoint().getKey()).isEqualTo(ObjectKeys.lastCheckpoint(jobId));
        assertThat(completed.getHistory().getKey()).isEqualTo(ObjectKeys.history(jobId));
        for (ObjectRef ref : List.of(completed.getBestCheckpoint(), completed.getLastCheckpoint(),
                completed.getHistory())) {
            assertThat(store.size(ref.getKey())).as(ref.getKey()).contains(ref.getSizeBytes());
            assertThat(ref.getSha256()).as("digest of " + ref.getKey()).hasSize(64);
        }
        List<Map<String, Object>> history = Json.MAPPER.readValue(store.getBytes(ObjectKeys.history(jobId)),
                new TypeReference<>() { });
        assertThat(history).extracting(row -> row.get("epoch")).containsExactly(1, 2);
        assertThat(history.get(1)).containsKeys("loss", "val_loss", "images_per_second", "best_replaced");

        Path best = Files.createTempFile("best", ".zip");
        try {
            store.getFile(ObjectKeys.bestCheckpoint(jobId), best);
            assertThat(Checkpoints.read(best).numParams()).isEqualTo(3_590_642L);
            Map<String, Object> provenance = Json.MAPPER.readValue(Checkpoints.readProvenance(best).orElseThrow(),
                    new TypeReference<>() { });
            assertThat(provenance).containsEntry("job_id", jobId)
                    .containsEntry("dataset_id", "test-dataset")
                    .containsEntry("epoch", completed.getBestEpoch())
                    .containsKey("request");
        } finally {
            Files.deleteIfExists(best);
        }

        try (Stream<Path> leftovers = Files.list(workDir())) {
            assertThat(leftovers.map(Path::toString)).noneMatch(name -> name.contains(jobId));
        }

        String metricsText = get(metrics);
        String tags = "job_id=\"" + jobId + "\",model=\"mlp\"";
        assertThat(metricsText).containsPattern("trainbus_training_loss\\{" + tags + "} [0-9.]+");
        assertThat(metricsText).containsPattern("trainbus_training_accuracy\\{" + tags + "} [0-9.]+");
        assertThat(metricsText).containsPattern("trainbus_validation_loss\\{" + tags + "} [0-9.]+");
        assertThat(metricsText).containsPattern("trainbus_validation_accuracy\\{" + tags + "} [0-9.]+");
        assertThat(metricsText).contains("trainbus_training_epoch{" + tags + "} 2.0");
        assertThat(metricsText).containsPattern("trainbus_training_images_total\\{model=\"mlp\"} [0-9.]+");

        assertThat(get(health)).contains("\"status\": \"UP\"");
    }

    @Test
    void missingTensorFailsOnlyItsJob() throws Exception {
        String failingJob = "missing-" + UUID.randomUUID();
        DatasetPrepared broken = uploadTensors(failingJob, 32, 32);
        String missingKey = broken.getTrain().getFeatures().getKey() + ".gone";
        broken = broken.toBuilder()
                .setTrain(broken.getTrain().toBuilder()
                        .setFeatures(broken.getTrain().getFeatures().toBuilder().setKey(missingKey)))
                .build();
        String nextJob = "next-" + UUID.randomUUID();
        DatasetPrepared next = uploadTensors(nextJob, 32, 32);
        next = next.toBuilder().setRequest(next.getRequest().toBuilder().setEpochs(1)).build();

        publish(failingJob, broken);
        publish(nextJob, next);

        JobFailed failure = null;
        TrainingCompleted completed = null;
        try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.TRAINING_COMPLETED, Topics.JOBS_FAILED)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while ((failure == null || completed == null) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.topic().equals(Topics.JOBS_FAILED) && failingJob.equals(record.key())) {
                        failure = JobFailed.parseFrom(record.value());
                    } else if (record.topic().equals(Topics.TRAINING_COMPLETED) && nextJob.equals(record.key())) {
                        completed = TrainingCompleted.parseFrom(record.value());
                    }
                }
            }
        }

        assertThat(failure).as("JobFailed of " + failingJob).isNotNull();
        assertThat(failure.getJobId()).isEqualTo(failingJob);
        assertThat(failure.getStage()).isEqualTo("trainer");
        assertThat(failure.getReason()).contains(missingKey).contains("not found");
        assertThat(store.exists(ObjectKeys.bestCheckpoint(failingJob))).isFalse();
        assertThat(completed).as("TrainingCompleted of the job after the failed one").isNotNull();
        assertThat(completed.getEpochsRun()).isEqualTo(1);
    }

    @Test
    void trainsCnnOnGrayscaleImages() throws Exception {
        String jobId = "fashion-" + UUID.randomUUID();
        DatasetPrepared prepared = TestTensors.upload(store,
                request(jobId, "cnn", DatasetCatalog.FASHION_MNIST.name(), 1), 64, 16);

        publish(jobId, prepared);

        TrainingCompleted completed = TrainingCompleted.parseFrom(awaitEnd(jobId, Topics.TRAINING_COMPLETED).value());
        assertThat(completed.getEpochsRun()).isEqualTo(1);
        // The CNN on 28x28x1 images: 80 + 2,080 + 8,256 convolution, 288,500 dense and 5,010 output parameters.
        assertThat(completed.getParameters()).isEqualTo(303_926L);
        Path best = Files.createTempFile("best", ".zip");
        try {
            store.getFile(completed.getBestCheckpoint().getKey(), best);
            MultiLayerNetwork network = Checkpoints.read(best);
            assertThat(network.numParams()).isEqualTo(303_926L);
            assertThat(network.output(Nd4j.rand(3, 28 * 28), false).shape()).containsExactly(3, 10);
        } finally {
            Files.deleteIfExists(best);
        }
    }

    @Test
    void featuresOfAnotherShapeFailJob() throws Exception {
        String jobId = "wrong-width-" + UUID.randomUUID();
        DatasetPrepared cifarTensors = uploadTensors(jobId, 32, 16);
        TrainingRequest fashion = cifarTensors.getRequest().toBuilder()
                .setDataset(DatasetSpec.newBuilder().setName(DatasetCatalog.FASHION_MNIST.name()))
                .build();

        publish(jobId, cifarTensors.toBuilder().setRequest(fashion).build());

        JobFailed failure = JobFailed.parseFrom(awaitEnd(jobId, Topics.JOBS_FAILED).value());
        assertThat(failure.getReason()).contains("shape [32, 3072]")
                .contains("fashion-mnist (28x28x1 images, 10 classes) expect [32, 784]");
        assertThat(store.exists(ObjectKeys.bestCheckpoint(jobId))).isFalse();
    }

    @Test
    void garbageRecordFailsWithItsKey() throws Exception {
        String jobId = "garbage-" + UUID.randomUUID();

        publishBytes(jobId, new byte[] {(byte) 0xff, 0x01, 0x02});

        JobFailed failure = null;
        try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.JOBS_FAILED)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (failure == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(record.key())) {
                        failure = JobFailed.parseFrom(record.value());
                    }
                }
            }
        }

        assertThat(failure).as("JobFailed of " + jobId).isNotNull();
        assertThat(failure.getJobId()).isEqualTo(jobId);
        assertThat(failure.getReason()).contains("not a binary Protobuf DatasetPrepared");
    }

    /** Writes random CIFAR-10 train and validation tensors as .npy objects and returns the event naming them. */
    private DatasetPrepared uploadTensors(String jobId, int trainCount, int validationCount) throws IOException {
        return TestTensors.upload(store, request(jobId, "mlp", DatasetCatalog.CIFAR_10.name(), 2), trainCount,
                validationCount);
    }

    private static TrainingRequest request(String jobId, String model, String dataset, int epochs) {
        return TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setExperimentId("trainer-test")
                .setModel(model)
                .setDataset(DatasetSpec.newBuilder().setName(dataset))
                .setEpochs(epochs)
                .setBatchSize(32)
                .setSeed(42)
                .setOptimizer(OptimizerSpec.newBuilder()
                        .setName("rmsprop").setLearningRate(0.001).setRho(0.9).setEpsilon(1e-7))
                .build();
    }

    /**
     * Waits for the job's TrainingCompleted or JobFailed record and checks that it came on the expected topic.
     *
     * @return the record
     */
    private static ConsumerRecord<String, byte[]> awaitEnd(String jobId, String expectedTopic) throws Exception {
        try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.TRAINING_COMPLETED, Topics.JOBS_FAILED)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (!jobId.equals(record.key())) {
                        continue;
                    }
                    if (!record.topic().equals(expectedTopic) && record.topic().equals(Topics.JOBS_FAILED)) {
                        throw new AssertionError("Job failed: " + JobFailed.parseFrom(record.value()));
                    }
                    assertThat(record.topic()).as("topic of the end of job " + jobId).isEqualTo(expectedTopic);
                    return record;
                }
            }
        }
        throw new AssertionError("Job " + jobId + " did not end within " + TIMEOUT);
    }

    private static void publish(String jobId, DatasetPrepared prepared) throws Exception {
        publishBytes(jobId, prepared.toByteArray());
    }

    private static void publishBytes(String jobId, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DATASETS_PREPARED, jobId, value)).get();
        }
    }

    private static KafkaConsumer<String, byte[]> consumer(String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "trainer-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
        return consumer;
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }

    /** Returns the trainer's work folder, which application.properties sets for the test profile. */
    private static Path workDir() {
        return Path.of("target/trainer-work");
    }
}
