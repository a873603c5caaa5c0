package io.trainbus.evaluator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.models.Checkpoints;
import io.trainbus.models.ReferenceModels;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.inject.Inject;
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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class EvaluatorServiceTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    private static final int TEST_COUNT = 50;

    @Inject
    ObjectStore store;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void scoresBestCheckpointAndStoresReport() throws Exception {
        String jobId = "eval-" + UUID.randomUUID();
        TestJob job = uploadJob(jobId);

        publish(jobId, job.completed().toByteArray());
        ConsumerRecord<String, byte[]> record = awaitRecord(jobId, Topics.EVALUATIONS, Topics.JOBS_FAILED);

        assertThat(record.topic()).as("topic of the first event of " + jobId + " after training")
                .isEqualTo(Topics.EVALUATIONS);
        EvaluationCompleted evaluation = EvaluationCompleted.parseFrom(record.value());
        Expected expected = job.expected();
        assertThat(evaluation.getJobId()).isEqualTo(jobId);
        assertThat(evaluation.getExperimentId()).isEqualTo("evaluator-test");
        assertThat(evaluation.getModel()).isEqualTo("cnn");
        assertThat(evaluation.getParameters()).isEqualTo(528_054L);
        assertThat(evaluation.getEpochsRun()).isEqualTo(3);
        assertThat(evaluation.getBestEpoch()).isEqualTo(2);
        assertThat(evaluation.getTestCount()).isEqualTo(TEST_COUNT);
        assertThat(evaluation.getTestAccuracy()).isEqualTo(expected.accuracy());
        assertThat(evaluation.getTestLoss()).isCloseTo(expected.loss(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(evaluation.getTrainingSeconds()).isEqualTo(12.5);
        assertThat(evaluation.getImagesPerSecond()).isEqualTo(321.0);
        assertThat(evaluation.getReport().getKey()).isEqualTo(ObjectKeys.report(jobId));

        byte[] reportBytes = store.getBytes(ObjectKeys.report(jobId));
        assertThat((long) reportBytes.length).isEqualTo(evaluation.getReport().getSizeBytes());
        JsonNode report = Json.MAPPER.readTree(reportBytes);
        assertThat(report.path("job_id").asText()).isEqualTo(jobId);
        assertThat(report.path("model").asText()).isEqualTo("cnn");
        assertThat(report.path("parameters").asLong()).isEqualTo(528_054L);
        assertThat(report.path("epochs_run").asInt()).isEqualTo(3);
        assertThat(report.path("best_epoch").asInt()).isEqualTo(2);
        assertThat(report.path("test_accuracy").asDouble()).isEqualTo(expected.accuracy());
        assertThat(report.path("test_count").asInt()).isEqualTo(TEST_COUNT);
        assertThat(report.path("history_key").asText()).isEqualTo(ObjectKeys.history(jobId));
        assertThat(report.path("request").path("job_id").asText()).isEqualTo(jobId);
        assertThat(report.path("request").path("seed").asLong()).isEqualTo(7);
        assertThat(report.path("class_names")).extracting(JsonNode::asText).containsExactlyElementsOf(CLASS_NAMES);

        JsonNode confusion = report.path("confusion_matrix");
        assertThat(confusion.size()).isEqualTo(10);
        for (int actual = 0; actual < 10; actual++) {
            for (int predicted = 0; predicted < 10; predicted++) {
                assertThat(confusion.get(actual).get(predicted).asInt())
                        .as("confusion[%d][%d]", actual, predicted)
                        .isEqualTo(expected.confusion()[actual][predicted]);
            }
        }
        JsonNode perClass = report.path("per_class_accuracy");
        assertThat(perClass.size()).isEqualTo(10);
        for (int actual = 0; actual < 10; actual++) {
            JsonNode row = perClass.get(actual);
            int count = java.util.Arrays.stream(expected.confusion()[actual]).sum();
            assertThat(row.path("class_name").asText()).isEqualTo(CLASS_NAMES.get(actual));
            assertThat(row.path("count").asInt()).as("test images of class %d", actual).isEqualTo(count);
            if (count == 0) {
                assertThat(row.path("accuracy").isNull()).as("accuracy of empty class %d", actual).isTrue();
            } else {
                assertThat(row.path("accuracy").asDouble()).as("accuracy of class %d", actual)
                        .isEqualTo((double) expected.confusion()[actual][actual] / count);
            }
        }

        try (Stream<Path> leftovers = Files.list(Path.of("target/evaluator-work"))) {
            assertThat(leftovers.map(Path::toString)).noneMatch(name -> name.contains(jobId));
        }
        assertThat(get(metrics))
                .contains("trainbus_evaluations_total{model=\"cnn\",outcome=\"completed\"}")
                .contains("trainbus_evaluation_test_accuracy_count{model=\"cnn\"}");
    }

    @Test
    void missingCheckpointFailsOnlyItsJob() throws Exception {
        String failingJob = "missing-" + UUID.randomUUID();
        TrainingCompleted broken = uploadJob(failingJob).completed();
        String missingKey = broken.getBestCheckpoint().getKey() + ".gone";
        broken = broken.toBuilder()
                .setBestCheckpoint(broken.getBestCheckpoint().toBuilder().setKey(missingKey))
                .build();
        String nextJob = "next-" + UUID.randomUUID();
        TrainingCompleted next = uploadJob(nextJob).completed();

        publish(failingJob, broken.toByteArray());
        publish(nextJob, next.toByteArray());

        ConsumerRecord<String, byte[]> failed = awaitRecord(failingJob, Topics.EVALUATIONS, Topics.JOBS_FAILED);
        assertThat(failed.topic()).isEqualTo(Topics.JOBS_FAILED);
        JobFailed failure = JobFailed.parseFrom(failed.value());
        assertThat(failure.getJobId()).isEqualTo(failingJob);
        assertThat(failure.getExperimentId()).isEqualTo("evaluator-test");
        assertThat(failure.getStage()).isEqualTo("evaluator");
        assertThat(failure.getReason()).contains(missingKey).contains("not found");
        assertThat(store.exists(ObjectKeys.report(failingJob))).isFalse();

        ConsumerRecord<String, byte[]> evaluated = awaitRecord(nextJob, Topics.EVALUATIONS, Topics.JOBS_FAILED);
        assertThat(evaluated.topic()).as("topic of the event of the job after the failed one")
                .isEqualTo(Topics.EVALUATIONS);
        assertThat(store.exists(ObjectKeys.report(nextJob))).isTrue();
    }

    @Test
    void garbageRecordFailsWithItsKey() throws Exception {
        String jobId = "garbage-" + UUID.randomUUID();

        publish(jobId, new byte[] {(byte) 0xff, 0x01, 0x02});

        ConsumerRecord<String, byte[]> record = awaitRecord(jobId, Topics.JOBS_FAILED);
        JobFailed failure = JobFailed.parseFrom(record.value());
        assertThat(failure.getJobId()).isEqualTo(jobId);
        assertThat(failure.getStage()).isEqualTo("evaluator");
        assertThat(failure.getReason()).contains("not a binary Protobuf TrainingCompleted");
    }

    /** A job's uploaded inputs and the figures the evaluator should report, computed here without Scoring. */
    private record TestJob(TrainingCompleted completed, Expected expected) {
    }

    private record Expected(double accuracy, double loss, int[][] confusion) {
    }

    /** Builds a CNN, stores it as the best checkpoint with random test tensors, and computes the expected score. */
    private TestJob uploadJob(String jobId) throws IOException {
        TrainingRequest request = TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setExperimentId("evaluator-test")
                .setModel("cnn")
                .setEpochs(3)
                .setBatchSize(32)
                .setSeed(7)
                .setOptimizer(OptimizerSpec.newBuilder()
                        .setName("rmsprop").setLearningRate(0.001).setRho(0.9).setEpsilon(1e-7))
                .build();
        MultiLayerNetwork net = ReferenceModels.build(request);
        Path checkpointFile = Files.createTempFile("best", ".zip");
        ObjectRef checkpoint;
        try {
            Checkpoints.write(net, checkpointFile);
            checkpoint = store.putFile(ObjectKeys.bestCheckpoint(jobId), checkpointFile, "application/zip");
        } finally {
            Files.deleteIfExists(checkpointFile);
        }

        Random random = new Random(jobId.hashCode());
        float[] features = new float[TEST_COUNT * ReferenceModels.FEATURES];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat();
        }
        int[] labels = new int[TEST_COUNT];
        float[] oneHot = new float[TEST_COUNT * ReferenceModels.CLASSES];
        for (int row = 0; row < TEST_COUNT; row++) {
            labels[row] = random.nextInt(ReferenceModels.CLASSES);
            oneHot[row * ReferenceModels.CLASSES + labels[row]] = 1f;
        }
        String prefix = ObjectKeys.preparedPrefix("cifar-10", "test-dataset", jobId);
        ObjectRef x = store.putBytes(prefix + "test_x.npy", npy(features, TEST_COUNT, ReferenceModels.FEATURES),
                "application/octet-stream");
        ObjectRef y = store.putBytes(prefix + "test_y.npy", npy(oneHot, TEST_COUNT, ReferenceModels.CLASSES),
                "application/octet-stream");

        DatasetPrepared prepared = DatasetPrepared.newBuilder()
                .setRequest(request)
                .setDatasetId("test-dataset")
                .setPreparedId(jobId)
                .setTest(TensorPair.newBuilder().setFeatures(x).setLabels(y).setCount(TEST_COUNT))
                .addAllClassNames(CLASS_NAMES)
                .build();
        TrainingCompleted completed = TrainingCompleted.newBuilder()
                .setRequest(request)
                .setPrepared(prepared)
                .setBestCheckpoint(checkpoint)
                .setLastCheckpoint(checkpoint)
                .setHistory(store.ref(ObjectKeys.history(jobId), 0, ""))
                .setEpochsRun(3)
                .setBestEpoch(2)
                .setBestValLoss(2.25)
                .setTrainingSeconds(12.5)
                .setParameters(net.numParams())
                .setImagesPerSecond(321.0)
                .build();
        return new TestJob(completed, expected(net, features, labels));
    }

    /** Computes accuracy, mean cross-entropy and the confusion matrix from plain Java arrays of probabilities. */
    private static Expected expected(MultiLayerNetwork net, float[] features, int[] labels) {
        INDArray input = Nd4j.create(features, new long[] {labels.length, ReferenceModels.FEATURES}, 'c');
        float[][] probabilities = net.output(input, false).toFloatMatrix();
        int[][] confusion = new int[ReferenceModels.CLASSES][ReferenceModels.CLASSES];
        int correct = 0;
        double lossSum = 0;
        for (int row = 0; row < labels.length; row++) {
            int predicted = 0;
            for (int c = 1; c < ReferenceModels.CLASSES; c++) {
                if (probabilities[row][c] > probabilities[row][predicted]) {
                    predicted = c;
                }
            }
            confusion[labels[row]][predicted]++;
            if (predicted == labels[row]) {
                correct++;
            }
            double p = Math.min(Math.max(probabilities[row][labels[row]], 1e-7), 1 - 1e-7);
            lossSum -= Math.log(p);
        }
        return new Expected((double) correct / labels.length, lossSum / labels.length, confusion);
    }

    private static byte[] npy(float[] values, int rows, int columns) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        NpyFormat.writeFloat32Header(out, rows, columns);
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        out.write(buffer.array());
        return out.toByteArray();
    }

    private static void publish(String jobId, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.TRAINING_COMPLETED, jobId, value)).get();
        }
    }

    /** Returns the first record keyed by the job on any of the topics, failing after {@link #TIMEOUT}. */
    private static ConsumerRecord<String, byte[]> awaitRecord(String jobId, String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "evaluator-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Predicate<ConsumerRecord<String, byte[]>> ofJob = record -> jobId.equals(record.key());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (ofJob.test(record)) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No event of job " + jobId + " on " + List.of(topics) + " within " + TIMEOUT);
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
