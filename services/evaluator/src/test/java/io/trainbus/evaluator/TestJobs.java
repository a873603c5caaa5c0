package io.trainbus.evaluator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;

import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.Digests;
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
 * Test fixtures shared by the evaluator's {@code @QuarkusTest} classes. They store what a trained job leaves in the
 * object store (best checkpoint, test tensors, history, raw training file and its manifest), sized for a dataset of
 * the catalog, and publish records to and consume them from the test broker.
 */
final class TestJobs {

    static final Duration TIMEOUT = Duration.ofSeconds(120);
    static final List<String> CLASS_NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog",
            "frog", "horse", "ship", "truck");
    static final List<String> FASHION_CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    static final int TEST_COUNT = 50;
    /** Raw training records stored; the first {@link #VALIDATION_SIZE} are the validation split. */
    static final int RAW_TRAIN_RECORDS = 60;
    static final int VALIDATION_SIZE = 10;
    /** Name of the one raw training file, listed in the raw manifest's train split. */
    static final String RAW_TRAIN_FILE = "train.bin";

    /**
     * A job's uploaded inputs and the figures the evaluator should report, computed here without Scoring.
     *
     * @param rawTrainRecords the content of the raw training file: validation records first, then training ones
     */
    record TestJob(TrainingCompleted completed, Expected expected, byte[] rawTrainRecords) {
    }

    record Expected(double accuracy, double loss, int[][] confusion) {
    }

    private TestJobs() {
    }

    /** Uploads a CIFAR-10 job as {@link #upload(ObjectStore, String, String, DatasetCatalog.Dataset)} does. */
    static TestJob upload(ObjectStore store, String jobId, String experimentId) throws IOException {
        return upload(store, jobId, experimentId, DatasetCatalog.CIFAR_10);
    }

    /**
     * Builds a CNN for the dataset's image shape, stores it as the best checkpoint with random test tensors, a
     * three-epoch history, a raw training file and its manifest, and computes the expected score.
     */
    static TestJob upload(ObjectStore store, String jobId, String experimentId, DatasetCatalog.Dataset dataset)
            throws IOException {
        String datasetId = "test-" + dataset.name();
        int width = dataset.shape().pixelsPerImage();
        int classes = dataset.classCount();
        TrainingRequest request = TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setExperimentId(experimentId)
                .setModel("cnn")
                .setEpochs(3)
                .setBatchSize(32)
                .setSeed(7)
                .setDataset(DatasetSpec.newBuilder().setName(dataset.name()).setValidationSize(VALIDATION_SIZE))
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
        float[] features = new float[TEST_COUNT * width];
        for (int i = 0; i < features.length; i++) {
            features[i] = random.nextFloat();
        }
        int[] labels = new int[TEST_COUNT];
        float[] oneHot = new float[TEST_COUNT * classes];
        for (int row = 0; row < TEST_COUNT; row++) {
            labels[row] = random.nextInt(classes);
            oneHot[row * classes + labels[row]] = 1f;
        }
        String prefix = ObjectKeys.preparedPrefix(dataset.name(), datasetId, jobId);
        ObjectRef x = store.putBytes(prefix + "test_x.npy", npy(features, TEST_COUNT, width),
                "application/octet-stream");
        ObjectRef y = store.putBytes(prefix + "test_y.npy", npy(oneHot, TEST_COUNT, classes),
                "application/octet-stream");
        List<String> classNames = dataset.equals(DatasetCatalog.CIFAR_10) ? CLASS_NAMES : FASHION_CLASS_NAMES;
        byte[] rawRecords = rawRecords(random, dataset);
        storeRawDataset(store, dataset, datasetId, classNames, rawRecords);
        ObjectRef history = store.putBytes(ObjectKeys.history(jobId), history(), "application/json");

        DatasetPrepared prepared = DatasetPrepared.newBuilder()
                .setRequest(request)
                .setDatasetId(datasetId)
                .setPreparedId(jobId)
                .setTest(TensorPair.newBuilder().setFeatures(x).setLabels(y).setCount(TEST_COUNT))
                .addAllClassNames(classNames)
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
        return new TestJob(completed, expected(net, features, labels, width, classes), rawRecords);
    }

    /** Returns the history document the trainer would write for three epochs. */
    static byte[] history() {
        return """
                [{"epoch": 1, "loss": 2.3, "accuracy": 0.11, "val_loss": 2.28, "val_accuracy": 0.12},
                 {"epoch": 2, "loss": 2.2, "accuracy": 0.16, "val_loss": 2.25, "val_accuracy": 0.15},
                 {"epoch": 3, "loss": 2.1, "accuracy": 0.21, "val_loss": 2.27, "val_accuracy": 0.14}]
                """.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns {@link #RAW_TRAIN_RECORDS} raw records of the dataset's shape with random pixels and labels. */
    private static byte[] rawRecords(Random random, DatasetCatalog.Dataset dataset) {
        int recordBytes = RecordReader.recordBytes(dataset.shape());
        byte[] records = new byte[RAW_TRAIN_RECORDS * recordBytes];
        random.nextBytes(records);
        for (int i = 0; i < RAW_TRAIN_RECORDS; i++) {
            records[i * recordBytes] = (byte) (i % dataset.classCount());
        }
        return records;
    }

    /** Stores the raw training file and the manifest that lists it as the whole training split. */
    private static void storeRawDataset(ObjectStore store, DatasetCatalog.Dataset dataset, String datasetId,
            List<String> classNames, byte[] rawRecords) throws IOException {
        String rawPrefix = ObjectKeys.rawPrefix(dataset.name(), datasetId);
        store.putBytes(rawPrefix + RAW_TRAIN_FILE, rawRecords, "application/octet-stream");
        List<Long> perClass = new ArrayList<>();
        for (int label = 0; label < dataset.classCount(); label++) {
            perClass.add((long) ((RAW_TRAIN_RECORDS - label + dataset.classCount() - 1) / dataset.classCount()));
        }
        RawManifest manifest = new RawManifest(dataset.name(), datasetId, dataset.shape(), classNames,
                Map.of(RawManifest.TRAIN, new RawManifest.SplitCounts(RAW_TRAIN_RECORDS, perClass,
                        List.of(RAW_TRAIN_FILE))),
                List.of(new RawManifest.FileEntry(RAW_TRAIN_FILE, rawRecords.length, Digests.sha256Hex(rawRecords),
                        RAW_TRAIN_RECORDS)));
        store.putBytes(rawPrefix + ObjectKeys.MANIFEST, Json.MAPPER.writeValueAsBytes(manifest), "application/json");
    }

    /** Computes accuracy, mean cross-entropy and the confusion matrix from plain Java arrays of probabilities. */
    private static Expected expected(MultiLayerNetwork net, float[] features, int[] labels, int width, int classes) {
        INDArray input = Nd4j.create(features, new long[] {labels.length, width}, 'c');
        float[][] probabilities = net.output(input, false).toFloatMatrix();
        int[][] confusion = new int[classes][classes];
        int correct = 0;
        double lossSum = 0;
        for (int row = 0; row < labels.length; row++) {
            int predicted = 0;
            for (int c = 1; c < classes; c++) {
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
