package io.trainbus.preprocessing.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.cifar.RawManifest;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.proto.v1.DatasetSpec;

/** Manifests, requests and .npy reading shared by the preparation tests. */
final class PrepareFixtures {

    private PrepareFixtures() {
    }

    /** Returns a raw manifest whose five training files contain {@code perTrainFile} records each. */
    static RawManifest manifest(long perTrainFile, long testRecords) {
        List<RawManifest.FileEntry> files = CifarFormat.RECORD_FILES.stream()
                .map(name -> new RawManifest.FileEntry(name, 0, "", name.equals(CifarFormat.TEST_FILE)
                        ? testRecords : perTrainFile))
                .toList();
        return new RawManifest("cifar-10", "d1", List.of(), Map.of(
                RawManifest.TRAIN, new RawManifest.SplitCounts(5 * perTrainFile, List.of()),
                RawManifest.TEST, new RawManifest.SplitCounts(testRecords, List.of())), files);
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
