package io.trainbus.preprocessing.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.trainbus.proto.v1.AugmentationSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpochAugmenterTest {

    private static final AugmentationSpec KERAS = AugmentationSpec.newBuilder().setEnabled(true)
            .setRotationRange(15).setWidthShiftRange(0.15).setHeightShiftRange(0.15).setHorizontalFlip(true)
            .setFillMode("nearest").build();
    /** More than two chunks, the last one partial. */
    private static final int ROWS = 2 * EpochAugmenter.CHUNK_ROWS + 37;

    private final AffineAugmenter augmenter = new AffineAugmenter(8, 8, 3);
    private final ExecutorService twoThreads = Executors.newFixedThreadPool(2);
    private final ExecutorService oneThread = Executors.newSingleThreadExecutor();

    @TempDir
    Path temp;

    @AfterEach
    void stopThreads() {
        twoThreads.shutdownNow();
        oneThread.shutdownNow();
    }

    @Test
    void everyRowGetsItsOwnDraw() throws Exception {
        float[][] images = randomImages(ROWS, augmenter.imageSize());
        Path source = NpyFiles.write(temp.resolve("train_x.npy"), images);
        Path target = temp.resolve("epoch.npy");
        TransformDraws draws = new TransformDraws(KERAS, 42, 5, 8, 8);

        long rows = new EpochAugmenter(augmenter, twoThreads).augment(source, target, draws);

        assertThat(rows).isEqualTo(ROWS);
        float[][] augmented = NpyFiles.read(target);
        assertThat(augmented).hasNumberOfRows(ROWS);
        for (int row : new int[] {0, 1, EpochAugmenter.CHUNK_ROWS, ROWS - 1}) {
            float[] expected = new float[augmenter.imageSize()];
            augmenter.apply(images[row], 0, expected, 0, draws.draw(row));
            assertThat(augmented[row]).as("row %d", row).containsExactly(expected);
            assertThat(augmented[row]).as("row %d changed", row).isNotEqualTo(images[row]);
        }
    }

    @Test
    void resultIndependentOfThreadCount() throws Exception {
        Path source = NpyFiles.write(temp.resolve("train_x.npy"), randomImages(ROWS, augmenter.imageSize()));
        Path parallel = temp.resolve("parallel.npy");
        Path serial = temp.resolve("serial.npy");
        Path otherEpoch = temp.resolve("other-epoch.npy");

        new EpochAugmenter(augmenter, twoThreads).augment(source, parallel, new TransformDraws(KERAS, 42, 2, 8, 8));
        new EpochAugmenter(augmenter, oneThread).augment(source, serial, new TransformDraws(KERAS, 42, 2, 8, 8));
        new EpochAugmenter(augmenter, oneThread).augment(source, otherEpoch, new TransformDraws(KERAS, 42, 3, 8, 8));

        assertThat(Files.readAllBytes(parallel)).isEqualTo(Files.readAllBytes(serial));
        assertThat(Files.readAllBytes(otherEpoch)).isNotEqualTo(Files.readAllBytes(serial));
        assertThat(Files.size(parallel)).isEqualTo(Files.size(source));
    }

    @Test
    void rejectsOtherImageSize() throws Exception {
        Path source = NpyFiles.write(temp.resolve("wide.npy"), randomImages(3, 10));

        assertThatThrownBy(() -> new EpochAugmenter(augmenter, oneThread).augment(source, temp.resolve("out.npy"),
                new TransformDraws(KERAS, 1, 1, 8, 8)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("[3, 10]")
                .hasMessageContaining("[n, 192]");
    }

    private static float[][] randomImages(int rows, int columns) {
        Random random = new Random(3);
        float[][] images = new float[rows][columns];
        for (float[] image : images) {
            for (int i = 0; i < columns; i++) {
                image[i] = random.nextFloat();
            }
        }
        return images;
    }
}
