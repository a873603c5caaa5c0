package io.trainbus.preprocessing.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.proto.v1.DatasetSpec;

/** Manifests, requests and .npy reading shared by the preparation tests. */
final class PrepareFixtures {

    /** Fashion-MNIST's image shape. */
    static final ImageShape GRAY = new ImageShape(28, 28, 1);
    static final List<String> CLASS_NAMES = IntStream.range(0, 10).mapToObj(label -> "class-" + label).toList();

    private PrepareFixtures() {
    }

    /** Returns a CIFAR-10 raw manifest whose five training files contain {@code perTrainFile} records each. */
    static RawManifest manifest(long perTrainFile, long testRecords) {
        List<RawManifest.FileEntry> files = CifarFormat.RECORD_FILES.stream()
                .map(name -> new RawManifest.FileEntry(name, 0, "", name.equals(CifarFormat.TEST_FILE)
                        ? testRecords : perTrainFile))
                .toList();
        return new RawManifest("cifar-10", "d1", null, CLASS_NAMES, Map.of(
                RawManifest.TRAIN, new RawManifest.SplitCounts(5 * perTrainFile, List.of(), null),
                RawManifest.TEST, new RawManifest.SplitCounts(testRecords, List.of(), null)), files);
    }

    /**
     * Returns a manifest of 28x28 grayscale images with ten classes, as ingestion stores Fashion-MNIST.
     *
     * @param trainFiles training file names in order, each with {@code perTrainFile} records
     * @param testFiles test file names in order, each with {@code perTestFile} records
     */
    static RawManifest grayManifest(List<String> trainFiles, long perTrainFile, List<String> testFiles,
            long perTestFile) {
        List<RawManifest.FileEntry> files = new ArrayList<>();
        trainFiles.forEach(name -> files.add(new RawManifest.FileEntry(name, 0, "", perTrainFile)));
        testFiles.forEach(name -> files.add(new RawManifest.FileEntry(name, 0, "", perTestFile)));
        return new RawManifest("fashion-mnist", "g1", GRAY, CLASS_NAMES, Map.of(
                RawManifest.TRAIN, new RawManifest.SplitCounts(trainFiles.size() * perTrainFile, List.of(),
                        trainFiles),
                RawManifest.TEST, new RawManifest.SplitCounts(testFiles.size() * perTestFile, List.of(), testFiles)),
                files);
    }

    /**
     * Writes a raw record file whose record i (counting from {@code first}) has label i % 10 and every pixel equal
     * to i, so that each output row shows which record it came from.
     */
    static Path recordFile(Path folder, String name, ImageShape shape, int first, int count) throws IOException {
        int recordBytes = RecordReader.recordBytes(shape);
        byte[] bytes = new byte[count * recordBytes];
        for (int r = 0; r < count; r++) {
            int index = first + r;
            int offset = r * recordBytes;
            bytes[offset] = (byte) (index % 10);
            Arrays.fill(bytes, offset + 1, offset + recordBytes, (byte) index);
        }
        return Files.write(folder.resolve(name), bytes);
    }

    static DatasetSpec spec(int validation, int trainLimit, int testLimit) {
        return DatasetSpec.newBuilder().setName("cifar-10").setValidationSize(validation).setTrainLimit(trainLimit)
                .setTestLimit(testLimit).build();
    }

    /** Reads a whole float32 .npy matrix and checks that no bytes follow the last row. */
    static float[][] readNpy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long[] shape = NpyFormat.readFloat32Header(in);
            assertThat(shape).as("shape of " + file.getFileName()).hasSize(2);
            float[][] rows = new float[(int) shape[0]][(int) shape[1]];
            DataInputStream data = new DataInputStream(in);
            byte[] row = new byte[(int) shape[1] * Float.BYTES];
            for (float[] values : rows) {
                data.readFully(row);
                ByteBuffer.wrap(row).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            }
            assertThat(in.read()).as("bytes after the last row of " + file.getFileName()).isEqualTo(-1);
            return rows;
        }
    }
}
