package io.trainbus.preprocessing.prepare;

import static io.trainbus.preprocessing.prepare.PrepareFixtures.manifest;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.readNpy;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.cifar.CifarFormatException;
import io.trainbus.common.cifar.RawManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorPreparerTest {

    private static final int PIXELS = CifarFormat.PIXEL_BYTES;

    @TempDir
    Path temp;

    /**
     * Writes a .bin file whose record i (counting from {@code first}) has label i % 10 and every pixel equal to
     * i, so that each output row shows which record it came from.
     */
    private Path binFile(String name, int first, int count) throws IOException {
        byte[] bytes = new byte[count * CifarFormat.RECORD_BYTES];
        for (int r = 0; r < count; r++) {
            int index = first + r;
            int offset = r * CifarFormat.RECORD_BYTES;
            bytes[offset] = (byte) (index % 10);
            Arrays.fill(bytes, offset + 1, offset + CifarFormat.RECORD_BYTES, (byte) index);
        }
        return Files.write(temp.resolve(name), bytes);
    }

    @Test
    void preparerSplitsInFileOrderAcrossFiles() throws IOException {
        binFile("data_batch_1.bin", 0, 5);
        binFile("data_batch_2.bin", 5, 5);
        binFile(CifarFormat.TEST_FILE, 100, 4);
        RawManifest manifest = manifest(5, 4);
        SplitPlan plan = SplitPlan.of(spec(3, 8, 2), manifest);
        Path out = Files.createDirectory(temp.resolve("out"));

        List<SplitTensors> splits = TensorPreparer.prepare(temp, plan, plan.trainFiles(manifest), out,
                Normalization.SCALE);

        assertThat(plan.trainFiles(manifest)).containsExactly("data_batch_1.bin", "data_batch_2.bin");
        assertThat(splits).extracting(SplitTensors::name).containsExactly("train", "validation", "test");
        assertThat(splits).extracting(SplitTensors::count).containsExactly(5, 3, 2);

        float[][] validation = readNpy(out.resolve("validation_x.npy"));
        float[][] train = readNpy(out.resolve("train_x.npy"));
        float[][] test = readNpy(out.resolve("test_x.npy"));
        assertThat(validation).hasNumberOfRows(3);
        assertThat(train).hasNumberOfRows(5);
        assertThat(test).hasNumberOfRows(2);
        for (int i = 0; i < 3; i++) {
            assertThat(validation[i][0]).as("validation row %d comes from record %d", i, i).isEqualTo(i / 255f);
        }
        for (int i = 0; i < 5; i++) {
            assertThat(train[i][PIXELS - 1]).as("train row %d comes from record %d", i, i + 3)
                    .isEqualTo((i + 3) / 255f);
        }
        assertThat(test[1][0]).isEqualTo(101 / 255f);

        float[][] trainLabels = readNpy(out.resolve("train_y.npy"));
        assertThat(trainLabels[0]).containsExactly(0, 0, 0, 1, 0, 0, 0, 0, 0, 0);
        assertThat(trainLabels[4]).containsExactly(0, 0, 0, 0, 0, 0, 0, 1, 0, 0);
        assertThat(splits.get(0).perClass()).containsExactly(0L, 0L, 0L, 1L, 1L, 1L, 1L, 1L, 0L, 0L);
        assertThat(splits.get(1).perClass()).containsExactly(1L, 1L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
        assertThat(splits.get(0).features().sizeBytes()).isEqualTo(Files.size(out.resolve("train_x.npy")));
        assertThat(splits.get(0).features().sha256()).hasSize(64);
    }

    @Test
    void preparerRejectsFilesShorterThanPlan() throws IOException {
        binFile("data_batch_1.bin", 0, 2);
        binFile(CifarFormat.TEST_FILE, 0, 2);
        RawManifest manifest = manifest(10, 2);
        SplitPlan plan = SplitPlan.of(spec(1, 5, 0), manifest);
        Path out = Files.createDirectory(temp.resolve("out"));

        assertThatThrownBy(() -> TensorPreparer.prepare(temp, plan, plan.trainFiles(manifest), out,
                Normalization.SCALE))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("only 2 records")
                .hasMessageContaining("needs 5");
    }

    @Test
    void zscoreUsesTrainingRecordsOnly() throws IOException {
        binFile("data_batch_1.bin", 0, 10);
        binFile(CifarFormat.TEST_FILE, 100, 2);
        RawManifest manifest = manifest(10, 2);
        SplitPlan plan = SplitPlan.of(spec(3, 8, 2), manifest);
        Path out = Files.createDirectory(temp.resolve("out"));

        Normalization normalization = Normalization.of("zscore", temp, plan, plan.trainFiles(manifest));
        TensorPreparer.prepare(temp, plan, plan.trainFiles(manifest), out, normalization);

        // Training records 3 to 7 have every pixel equal to their index: mean 5, population variance 2.
        float divisor = (float) (Math.sqrt(2) + 1e-7);
        assertThat(normalization.name()).isEqualTo("zscore");
        assertThat(normalization.offset()).isEqualTo(5f);
        assertThat(normalization.divisor()).isEqualTo(divisor);
        float[][] train = readNpy(out.resolve("train_x.npy"));
        float[][] validation = readNpy(out.resolve("validation_x.npy"));
        float[][] test = readNpy(out.resolve("test_x.npy"));
        assertThat(train[0][0]).as("training record 3").isEqualTo((3 - 5f) / divisor);
        assertThat(train[4][PIXELS - 1]).as("training record 7").isEqualTo((7 - 5f) / divisor);
        assertThat(validation[0][0]).as("validation record 0 uses the training mean").isEqualTo(-5f / divisor);
        assertThat(test[1][0]).as("test record 101 uses the training mean").isEqualTo((101 - 5f) / divisor);
    }
}
