package io.trainbus.preprocessing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.trainbus.common.cifar.CifarDecoder;
import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.JobRecordWaits;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.preprocessing.augment.AffineAugmenter;
import io.trainbus.preprocessing.augment.EpochAugmenter;
import io.trainbus.preprocessing.augment.TransformDraws;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingRequest;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The raw dataset and Kafka helpers of the service tests: the real CIFAR-10 files (from the archive named by the
 * system property {@code trainbus.test.cifar10}) stored as ingestion would, and records published and awaited on
 * the in-JVM broker.
 */
final class ServiceFixtures {

    static final Duration TIMEOUT = Duration.ofSeconds(300);
    static final Path UNPACKED = Path.of("target/cifar-10-test-files");

    private ServiceFixtures() {
    }

    /**
     * Stores the real CIFAR-10 files as raw dataset {@code datasetId}, as ingestion would, unless they are stored.
     *
     * @return the reference of the raw manifest
     */
    static ObjectRef storeRawDataset(ObjectStore store, String datasetId) throws IOException {
        unpackTestArchive();
        String prefix = ObjectKeys.rawPrefix("cifar-10", datasetId);
        String manifestKey = prefix + ObjectKeys.MANIFEST;
        if (store.exists(manifestKey)) {
            byte[] bytes = store.getBytes(manifestKey);
            return store.ref(manifestKey, bytes.length, Digests.sha256Hex(bytes));
        }
        List<RawManifest.FileEntry> files = new ArrayList<>();
        long[] trainPerClass = new long[CifarFormat.CLASS_COUNT];
        long[] testPerClass = new long[CifarFormat.CLASS_COUNT];
        for (String name : CifarFormat.ALL_FILES) {
            Path file = UNPACKED.resolve(name);
            long records = 0;
            if (!name.equals(CifarFormat.CLASS_NAMES_FILE)) {
                records = countLabels(file, name.equals(CifarFormat.TEST_FILE) ? testPerClass : trainPerClass);
            }
            files.add(new RawManifest.FileEntry(name, Files.size(file), Digests.sha256Hex(file), records));
            store.putFile(prefix + name, file, "application/octet-stream");
        }
        Map<String, RawManifest.SplitCounts> splits = new LinkedHashMap<>();
        splits.put(RawManifest.TRAIN, counts(trainPerClass, CifarFormat.TRAIN_FILES));
        splits.put(RawManifest.TEST, counts(testPerClass, List.of(CifarFormat.TEST_FILE)));
        List<String> classNames = CifarDecoder.classNames(Files.readString(UNPACKED.resolve(
                CifarFormat.CLASS_NAMES_FILE)), CifarFormat.CLASS_NAMES_FILE);
        RawManifest manifest = new RawManifest("cifar-10", datasetId, CifarFormat.SHAPE, classNames, splits, files);
        return store.putBytes(manifestKey, Json.MAPPER.writeValueAsBytes(manifest), "application/json");
    }

    private static long countLabels(Path file, long[] perClass) throws IOException {
        try (RecordReader reader = new RecordReader(Files.newInputStream(file), file.toString(), CifarFormat.SHAPE,
                CifarFormat.CLASS_COUNT)) {
            for (ImageRecord record = reader.next(); record != null; record = reader.next()) {
                perClass[record.label()]++;
            }
            return reader.recordsRead();
        }
    }

    private static RawManifest.SplitCounts counts(long[] perClass, List<String> files) {
        return new RawManifest.SplitCounts(Arrays.stream(perClass).sum(), Arrays.stream(perClass).boxed().toList(),
                files);
    }

    /** Unpacks the dataset files of the test archive once into target/. */
    private static void unpackTestArchive() throws IOException {
        if (Files.isRegularFile(UNPACKED.resolve(CifarFormat.CLASS_NAMES_FILE))) {
            return;
        }
        String archive = System.getProperty("trainbus.test.cifar10", "");
        assertThat(!archive.isEmpty() && Files.isRegularFile(Path.of(archive)))
                .as("The CIFAR-10 archive '" + archive + "' (system property trainbus.test.cifar10) is missing. "
                        + "Set that property to the path of cifar-10-binary.tar.gz.")
                .isTrue();
        Files.createDirectories(UNPACKED);
        try (InputStream file = new BufferedInputStream(Files.newInputStream(Path.of(archive)));
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = Path.of(entry.getName()).getFileName().toString();
                if (entry.isFile() && CifarFormat.ALL_FILES.contains(name)) {
                    Files.copy(tar, UNPACKED.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    /**
     * Augments prepared training features on one thread, as the service does for one epoch of a request.
     *
     * @param features the prepared float32 training features
     * @param target file to create or replace
     * @param shape the images' shape
     * @param request the request with defaults applied, whose augmentation and seed fix the draws
     * @param epoch 1-based epoch
     * @return {@code target}
     */
    static Path augmentLocally(Path features, Path target, ImageShape shape, TrainingRequest request, int epoch)
            throws IOException, InterruptedException {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            new EpochAugmenter(new AffineAugmenter(shape.height(), shape.width(), shape.channels()), executor)
                    .augment(features, target, new TransformDraws(request.getPreprocessing().getAugmentation(),
                            request.getSeed(), epoch, shape.height(), shape.width()));
            return target;
        } finally {
            executor.shutdownNow();
        }
    }

    /** Publishes one record and waits for the broker's acknowledgement. */
    static void publish(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Waits for the first record with {@code key} on {@code topic}, failing with the key's JobFailed reasons. */
    static ConsumerRecord<String, byte[]> await(String topic, String key) {
        return JobRecordWaits.await(LocalStackTestResource.current().bootstrapServers(), topic, key, TIMEOUT);
    }
}
