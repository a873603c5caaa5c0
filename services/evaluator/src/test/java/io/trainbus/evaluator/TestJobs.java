package io.trainbus.evaluator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.models.Checkpoints;
import io.trainbus.models.ReferenceModels;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
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
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Stores what a trained job leaves in the object store (best checkpoint, test tensors, history, raw training file)
 * and talks to the test broker. Shared by the evaluator's {@code @QuarkusTest} classes.
 */
final class TestJobs {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    static final int TEST_COUNT = 50;
    static final String DATASET_ID = "test-dataset";
    /** Raw training records stored; the first {@link #VALIDATION_SIZE} are the validation split. */
    static final int RAW_TRAIN_RECORDS = 60;
    static final int VALIDATION_SIZE = 10;

    /** A job's uploaded inputs and the figures the evaluator should report, computed here without Scoring. */
    record TestJob(TrainingCompleted completed, Expected expected) {
    }

    record Expected(double accuracy, double loss, int[][] confusion) {
    }

    private TestJobs() {
    }

    /**
     * Builds a CNN, stores it as the best checkpoint with random test tensors, a three-epoch history and a raw
     * training file, and computes the expected score.
     */
    static TestJob upload(ObjectStore store, String jobId, String experimentId) throws IOException {
        TrainingRequest request = TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setExperimentId(experimentId)
                .setModel("cnn")
                .setEpochs(3)
                .setBatchSize(32)
                .setSeed(7)
                .setDataset(DatasetSpec.newBuilder().setName("cifar-10").setValidationSize(VALIDATION_SIZE))
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
        String prefix = ObjectKeys.preparedPrefix("cifar-10", DATASET_ID, jobId);
        ObjectRef x = store.putBytes(prefix + "test_x.npy", npy(features, TEST_COUNT, ReferenceModels.FEATURES),
                "application/octet-stream");
        ObjectRef y = store.putBytes(prefix + "test_y.npy", npy(oneHot, TEST_COUNT, ReferenceModels.CLASSES),
                "application/octet-stream");
        store.putBytes(ObjectKeys.rawPrefix("cifar-10", DATASET_ID) + CifarFormat.TRAIN_FILES.get(0),
                rawRecords(random), "application/octet-stream");
        ObjectRef history = store.putBytes(ObjectKeys.history(jobId), history(), "application/json");

        DatasetPrepared prepared = DatasetPrepared.newBuilder()
                .setRequest(request)
                .setDatasetId(DATASET_ID)
                .setPreparedId(jobId)
                .setTest(TensorPair.newBuilder().setFeatures(x).setLabels(y).setCount(TEST_COUNT))
                .addAllClassNames(CLASS_NAMES)
                .build();
        TrainingCompleted completed = TrainingCompleted.newBuilder()
                .setRequest(request)
                .setPrepared(prepared)
                .setBestCheckpoint(checkpoint)
                .setLastCheckpoint(checkpoint)
                .setHistory(history)
                .setEpochsRun(3)
                .setBestEpoch(2)
                .setBestValLoss(2.25)
                .setTrainingSeconds(12.5)
                .setParameters(net.numParams())
                .setImagesPerSecond(321.0)
                .build();
        return new TestJob(completed, expected(net, features, labels));
    }

    /** Returns the history document the trainer would write for three epochs. */
    static byte[] history() {
        return """
                [{"epoch": 1, "loss": 2.3, "accuracy": 0.11, "val_loss": 2.28, "val_accuracy": 0.12},
                 {"epoch": 2, "loss": 2.2, "accuracy": 0.16, "val_loss": 2.25, "val_accuracy": 0.15},
                 {"epoch": 3, "loss": 2.1, "accuracy": 0.21, "val_loss": 2.27, "val_accuracy": 0.14}]
                """.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns {@link #RAW_TRAIN_RECORDS} CIFAR records of random pixels and labels. */
    private static byte[] rawRecords(Random random) {
        byte[] records = new byte[RAW_TRAIN_RECORDS * CifarFormat.RECORD_BYTES];
        random.nextBytes(records);
        for (int i = 0; i < RAW_TRAIN_RECORDS; i++) {
            records[i * CifarFormat.RECORD_BYTES] = (byte) (i % CifarFormat.CLASS_COUNT);
        }
        return records;
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

    /** Publishes one record keyed by the job id and waits for the broker's acknowledgement. */
    static void publish(String topic, String jobId, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, jobId, value)).get();
        }
    }

    /** Returns the first record keyed by the job on any of the topics, failing after {@link #TIMEOUT}. */
    static ConsumerRecord<String, byte[]> awaitRecord(String jobId, String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "evaluator-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topics));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No event of job " + jobId + " on " + List.of(topics) + " within " + TIMEOUT);
    }
}
