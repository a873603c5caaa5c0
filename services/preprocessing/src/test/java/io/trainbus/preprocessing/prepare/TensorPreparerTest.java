package io.trainbus.preprocessing.prepare;

import static io.trainbus.preprocessing.prepare.PrepareFixtures.GRAY;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.grayManifest;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.manifest;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.readNpy;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.recordFile;
import static io.trainbus.preprocessing.prepare.PrepareFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.RawManifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TensorPreparerTest {

    private static final int PIXELS = CifarFormat.PIXEL_BYTES;

    @TempDir
    Path temp;

    private Path binFile(String name, int first, int count) throws IOException {
        return recordFile(temp, name, CifarFormat.SHAPE, first, count);
    }

    @Test
    void preparerSplitsInFileOrderAcrossFiles() throws IOException {
        binFile("data_batch_1.bin", 0, 5);
        binFile("data_batch_2.bin", 5, 5);
        binFile(CifarFormat.TEST_FILE, 100, 4);
        RawManifest manifest = manifest(5, 4);
        SplitPlan plan = SplitPlan.of(spec(3, 8, 2), manifest);
        RawFiles raw = RawFiles.of(temp, manifest, plan);
        Path out = Files.createDirectory(temp.resolve("out"));

        List<SplitTensors> splits = TensorPreparer.prepare(raw, plan, out, Normalization.SCALE);

        assertThat(raw.trainFiles()).containsExactly("data_batch_1.bin", "data_batch_2.bin");
        assertThat(raw.testFiles()).containsExactly(CifarFormat.TEST_FILE);
        assertThat(raw.shape()).isEqualTo(CifarFormat.SHAPE);
        assertThat(splits).extracting(SplitTensors::name).containsExactly("train", "validation", "test");
        assertThat(splits).extracting(SplitTensors::count).containsExactly(5, 3, 2);

        float[][] validation = readNpy(out.resolve("validation_x.npy"));
        float[][] train = readNpy(out.resolve("train_x.npy"));
        float[][] test = readNpy(out.resolve("test_x.npy"));
        assertThat(validation).hasNumberOfRows(3);
        assertThat(train).hasNumberOfRows(5);
        assertThat(test).hasNumberOfRows(2);
        assertThat(train[0]).hasSize(PIXELS);
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
    void grayImagesSpanSeveralTestFiles() throws IOException {
        recordFile(temp, "train-1.bin", GRAY, 0, 6);
        recordFile(temp, "train-2.bin", GRAY, 6, 6);
        recordFile(temp, "train-3.bin", GRAY, 12, 6);
        recordFile(temp, "test-1.bin", GRAY, 100, 3);
        recordFile(temp, "test-2.bin", GRAY, 103, 3);
        RawManifest manifest = grayManifest(List.of("train-1.bin", "train-2.bin", "train-3.bin"), 6,
                List.of("test-1.bin", "test-2.bin"), 3);
        SplitPlan plan = SplitPlan.of(spec(2, 10, 5), manifest);
        RawFiles raw = RawFiles.of(temp, manifest, plan);
        Path out = Files.createDirectory(temp.resolve("out"));

        List<SplitTensors> splits = TensorPreparer.prepare(raw, plan, out, Normalization.SCALE);

        assertThat(raw.trainFiles()).as("train-3.bin is not needed").containsExactly("train-1.bin", "train-2.bin");
        assertThat(raw.testFiles()).containsExactly("test-1.bin", "test-2.bin");
        assertThat(raw.allFiles()).containsExactly("train-1.bin", "train-2.bin", "test-1.bin", "test-2.bin");
        assertThat(splits).extracting(SplitTensors::count).containsExactly(8, 2, 5);
        assertThat(splits.get(0).features().columns()).isEqualTo(784);
        assertThat(splits.get(0).labels().columns()).isEqualTo(10);

        float[][] train = readNpy(out.resolve("train_x.npy"));
        float[][] test = readNpy(out.resolve("test_x.npy"));
        float[][] testLabels = readNpy(out.resolve("test_y.npy"));
        assertThat(train).hasNumberOfRows(8);
        assertThat(train[0]).hasSize(28 * 28);
        assertThat(train[0][0]).as("first training row is record 2").isEqualTo(2 / 255f);
        assertThat(train[7][783]).as("last training row is record 9, from train-2.bin").isEqualTo(9 / 255f);
        assertThat(test).hasNumberOfRows(5);
        assertThat(test[2][0]).as("test row 2 is the last record of test-1.bin").isEqualTo(102 / 255f);
        assertThat(test[4][783]).as("test row 4 is record 104, from test-2.bin").isEqualTo(104 / 255f);
        assertThat(testLabels[4]).containsExactly(0, 0, 0, 0, 1, 0, 0, 0, 0, 0);
    }

    @Test
    void preparerRejectsFilesShorterThanPlan() throws IOException {
        binFile("data_batch_1.bin", 0, 2);
        binFile(CifarFormat.TEST_FILE, 0, 2);
        RawManifest manifest = manifest(10, 2);
        SplitPlan plan = SplitPlan.of(spec(1, 5, 0), manifest);
        Path out = Files.createDirectory(temp.resolve("out"));

        assertThatThrownBy(() -> TensorPreparer.prepare(RawFiles.of(temp, manifest, plan), plan, out,
                Normalization.SCALE))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("[data_batch_1.bin]")
                .hasMessageContaining("only 2 records")
                .hasMessageContaining("needs 5");
    }

    @Test
    void preparerRejectsRecordOfWrongShape() throws IOException {
        // A CIFAR-10 record is 3073 bytes, so reading it as 28x28x1 (785 bytes a record) ends inside a record.
        binFile("train.bin", 0, 1);
        recordFile(temp, "test.bin", GRAY, 0, 1);
        RawManifest manifest = grayManifest(List.of("train.bin"), 4, List.of("test.bin"), 1);
        SplitPlan plan = SplitPlan.of(spec(1, 4, 1), manifest);
        Path out = Files.createDirectory(temp.resolve("out"));

        assertThatThrownBy(() -> TensorPreparer.prepare(RawFiles.of(temp, manifest, plan), plan, out,
                Normalization.SCALE))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("train.bin ends inside record 3")
                .hasMessageContaining("ingest the dataset again");
    }

    @Test
    void zscoreUsesTrainingRecordsOnly() throws IOException {
        binFile("data_batch_1.bin", 0, 10);
        binFile(CifarFormat.TEST_FILE, 100, 2);
        RawManifest manifest = manifest(10, 2);
        SplitPlan plan = SplitPlan.of(spec(3, 8, 2), manifest);
        RawFiles raw = RawFiles.of(temp, manifest, plan);
        Path out = Files.createDirectory(temp.resolve("out"));

        Normalization normalization = Normalization.of("zscore", raw, plan);
        TensorPreparer.prepare(raw, plan, out, normalization);

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
