package io.trainbus.preprocessing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.ObjectRef;

/**
 * A small raw dataset of 28x28 grayscale images in ten classes, stored as ingestion stores Fashion-MNIST: one
 * training and one test record file and a raw manifest that lists them. Every pixel and label follows a formula,
 * so tests compute the values they expect without reading the files back.
 */
final class SyntheticGrayDataset {

    static final String DATASET = DatasetCatalog.FASHION_MNIST.name();
    static final ImageShape SHAPE = DatasetCatalog.FASHION_MNIST.shape();
    static final int CLASS_COUNT = 10;
    static final int TRAIN_RECORDS = 240;
    static final int TEST_RECORDS = 60;
    static final String TRAIN_FILE = "train.bin";
    static final String TEST_FILE = "test.bin";
    /** Offset added to a test record's index in the formulas, so that test images differ from training images. */
    private static final int TEST_OFFSET = 10_000;
    private static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    private SyntheticGrayDataset() {
    }

    /** @return pixel {@code i} (row-major) of training record {@code record}, 0 to 255 */
    static int trainPixel(int record, int i) {
        return pixel(record, i);
    }

    /** @return pixel {@code i} (row-major) of test record {@code record}, 0 to 255 */
    static int testPixel(int record, int i) {
        return pixel(TEST_OFFSET + record, i);
    }

    /** @return the label of training record {@code record} */
    static int trainLabel(int record) {
        return label(record);
    }

    /** @return the label of test record {@code record} */
    static int testLabel(int record) {
        return label(TEST_OFFSET + record);
    }

    private static int pixel(int index, int i) {
        return (index * 37 + i * 11 + (i / SHAPE.width()) * 5) % 256;
    }

    private static int label(int index) {
        return (index * 7 + index / 3) % CLASS_COUNT;
    }

    /**
     * Stores the record files and the raw manifest as dataset {@code datasetId}, unless they are already stored.
     *
     * @return the reference of the raw manifest
     */
    static ObjectRef store(ObjectStore store, String datasetId) throws IOException {
        String prefix = ObjectKeys.rawPrefix(DATASET, datasetId);
        String manifestKey = prefix + ObjectKeys.MANIFEST;
        if (store.exists(manifestKey)) {
            byte[] bytes = store.getBytes(manifestKey);
            return store.ref(manifestKey, bytes.length, Digests.sha256Hex(bytes));
        }
        long[] trainPerClass = new long[CLASS_COUNT];
        long[] testPerClass = new long[CLASS_COUNT];
        byte[] train = records(TRAIN_RECORDS, 0, trainPerClass);
        byte[] test = records(TEST_RECORDS, TEST_OFFSET, testPerClass);
        store.putBytes(prefix + TRAIN_FILE, train, "application/octet-stream");
        store.putBytes(prefix + TEST_FILE, test, "application/octet-stream");

        List<RawManifest.FileEntry> files = new ArrayList<>();
        files.add(new RawManifest.FileEntry(TRAIN_FILE, train.length, Digests.sha256Hex(train), TRAIN_RECORDS));
        files.add(new RawManifest.FileEntry(TEST_FILE, test.length, Digests.sha256Hex(test), TEST_RECORDS));
        Map<String, RawManifest.SplitCounts> splits = new LinkedHashMap<>();
        splits.put(RawManifest.TRAIN, new RawManifest.SplitCounts(TRAIN_RECORDS,
                Arrays.stream(trainPerClass).boxed().toList(), List.of(TRAIN_FILE)));
        splits.put(RawManifest.TEST, new RawManifest.SplitCounts(TEST_RECORDS,
                Arrays.stream(testPerClass).boxed().toList(), List.of(TEST_FILE)));
        RawManifest manifest = new RawManifest(DATASET, datasetId, SHAPE, CLASS_NAMES, splits, files);
        return store.putBytes(manifestKey, Json.MAPPER.writeValueAsBytes(manifest), "application/json");
    }

    private static byte[] records(int count, int firstIndex, long[] perClass) {
        int recordBytes = RecordReader.recordBytes(SHAPE);
        byte[] bytes = new byte[count * recordBytes];
        for (int r = 0; r < count; r++) {
            int offset = r * recordBytes;
            int label = label(firstIndex + r);
            bytes[offset] = (byte) label;
            perClass[label]++;
            for (int i = 0; i < SHAPE.pixelsPerImage(); i++) {
                bytes[offset + 1 + i] = (byte) pixel(firstIndex + r, i);
            }
        }
        return bytes;
    }
}
