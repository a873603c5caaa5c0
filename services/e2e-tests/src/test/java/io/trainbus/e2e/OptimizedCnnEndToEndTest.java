package io.trainbus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.LocalStack;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Runs a 2-epoch optimized-CNN job with the model's default settings (z-score input, augmentation, RMSprop with
 * decay, the step schedule, early stopping, batch 64) through the four packaged services, each a separate JVM, on a
 * slice of the real CIFAR-10 archive.
 */
class OptimizedCnnEndToEndTest {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    @Test
    void optimizedCnnJobRunsThroughEveryService() throws Exception {
        Path home = Path.of(System.getProperty("trainbus.home", "../..")).toAbsolutePath().normalize();
        Path cifar10 = Path.of(System.getProperty("trainbus.test.cifar10", ""));
        assertThat(Files.isRegularFile(cifar10)).as("CIFAR-10 archive %s (trainbus.test.cifar10)", cifar10).isTrue();
        Path target = home.resolve("services/e2e-tests/target");
        String jobId = "e2e-optimized-" + UUID.randomUUID();
        String lastCheckpoint = ObjectKeys.lastCheckpoint(jobId);
        Folders.deleteTree(target.resolve("e2e-optimized-stack"));
        List<ServiceProcess> services = new CopyOnWriteArrayList<>();
        List<ConsumerRecord<String, byte[]>> events;
        ObjectStore store;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, 0, target.resolve("e2e-optimized-stack"),
                "e2e-access", UUID.randomUUID().toString(), 2))) {
            store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                    "trainbus");
            Map<String, String> environment = new LinkedHashMap<>(stack.serviceEnvironment());
            environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", cifar10.toAbsolutePath().toString());
            environment.put("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", cifar10.toAbsolutePath().toString());
            environment.put("TRAINBUS_INGESTION_CACHE_DIR", target.resolve("e2e-optimized-work/cache").toString());
            environment.put("TRAINBUS_TRAINER_WORK_DIR", target.resolve("e2e-optimized-work/trainer").toString());
            environment.put("TRAINBUS_EVALUATOR_WORK_DIR", target.resolve("e2e-optimized-work/evaluator").toString());
            try {
                for (Map.Entry<String, List<String>> service : PipelineServices.JVM_FLAGS.entrySet()) {
                    Path app = AppSnapshot.take(home.resolve("services").resolve(service.getKey())
                            .resolve("target/quarkus-app"), target.resolve("e2e-optimized-apps").resolve(
                                    service.getKey()));
                    services.add(ServiceProcess.start(service.getKey(), app.resolve("quarkus-run.jar"),
                            service.getValue(), environment, LocalStack.freePort(),
                            target.resolve("e2e-optimized-logs").resolve(service.getKey() + ".log")));
                }
                for (ServiceProcess service : services) {
                    service.awaitReady(READY_TIMEOUT);
                }
                publish(stack.bootstrapServers(), jobId, """
                        {"jobId": "%s", "experimentId": "e2e-optimized", "model": "optimized-cnn", "epochs": 2,
                         "dataset": {"name": "cifar-10", "trainLimit": 320, "validationSize": 64, "testLimit": 64}}
                        """.formatted(jobId));
                events = JobEvents.collect(stack.bootstrapServers(), jobId, List.of(Topics.TRAINING_EPOCHS,
                        Topics.TRAINING_COMPLETED, Topics.EVALUATIONS, Topics.JOBS_FAILED),
                        Set.of(Topics.EVALUATIONS, Topics.JOBS_FAILED), JOB_TIMEOUT);
                // Preprocessing deletes the augmented epochs once training ends, so its log is what remains of them.
                String preprocessingLog = services.get(1).logTail(400);
                assertThat(preprocessingLog).contains("job=" + jobId + " augmented epoch 1/2")
                        .contains("job=" + jobId + " augmented epoch 2/2");
                assertThat(store.exists(lastCheckpoint)).as(lastCheckpoint).isTrue();
            } finally {
                for (ServiceProcess service : services) {
                    if (!service.stop(STOP_GRACE)) {
                        System.out.printf("%s did not stop within %d s and was killed; last log lines:%n%s%n",
                                service.name(), STOP_GRACE.toSeconds(), service.logTail(40));
                    }
                }
            }
        }

        for (ConsumerRecord<String, byte[]> record : events) {
            if (record.topic().equals(Topics.JOBS_FAILED)) {
                throw new AssertionError("Job failed: " + JobFailed.parseFrom(record.value()));
            }
        }
        List<EpochCompleted> epochs = parse(events, Topics.TRAINING_EPOCHS, EpochCompleted::parseFrom);
        List<TrainingCompleted> completed = parse(events, Topics.TRAINING_COMPLETED, TrainingCompleted::parseFrom);
        List<EvaluationCompleted> evaluations = parse(events, Topics.EVALUATIONS, EvaluationCompleted::parseFrom);
        assertThat(epochs).extracting(EpochCompleted::getEpoch).containsExactly(1, 2);
        assertThat(epochs).extracting(EpochCompleted::getEpochs).containsExactly(2, 2);
        // 256 training images in batches of 64: 4 steps per epoch, and decay 1e-6 lowers the rate of the last step.
        assertThat(epochs.get(0).getLearningRate()).isEqualTo(0.001 / (1 + 1e-6 * 3));
        assertThat(epochs.get(1).getLearningRate()).isEqualTo(0.001 / (1 + 1e-6 * 7));
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).getParameters()).isEqualTo(309_290L);
        assertThat(completed.get(0).getRequest().getBatchSize()).isEqualTo(64);
        assertThat(completed.get(0).getRequest().getPreprocessing().getAugmentation().getEnabled()).isTrue();
        assertThat(evaluations).hasSize(1);
        assertThat(evaluations.get(0).getTestCount()).isEqualTo(64);
        assertThat(evaluations.get(0).getTestAccuracy()).isBetween(0.0, 1.0);
    }

    private static void publish(String bootstrapServers, String jobId, String json) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, jobId, json.getBytes(StandardCharsets.UTF_8))).get();
        }
    }

    private static <T> List<T> parse(List<ConsumerRecord<String, byte[]>> events, String topic, Parser<T> parser)
            throws Exception {
        List<T> parsed = new java.util.ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : events) {
            if (record.topic().equals(topic)) {
                parsed.add(parser.parse(record.value()));
            }
        }
        return parsed;
    }

    /** Parses one record value. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] value) throws Exception;
    }
}
