package io.trainbus.preprocessing.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.trainbus.preprocessing.augment.AffineAugmenter;
import io.trainbus.preprocessing.augment.EpochAugmenter;
import io.trainbus.preprocessing.augment.ImageTransform;
import io.trainbus.preprocessing.augment.NpyFiles;
import io.trainbus.preprocessing.augment.TransformDraws;
import io.trainbus.proto.v1.AugmentationSpec;

/**
 * Writes smooth synthetic images, their augmented copies and each image's drawn transform into a folder, for
 * {@code src/test/python/keras_cross_check.py}, which recomputes the copies with SciPy the way keras-preprocessing
 * does and prints the largest difference. Argument: the folder, created when missing.
 */
public final class KerasCrossCheck {

    private static final int IMAGES = 200;
    private static final int SIDE = 32;

    private KerasCrossCheck() {
    }

    public static void main(String[] args) throws Exception {
        Path folder = Files.createDirectories(Path.of(args.length > 0 ? args[0] : "target/keras-cross-check"));
        Random random = new Random(11);
        float[][] images = new float[IMAGES][3 * SIDE * SIDE];
        for (float[] image : images) {
            // Sums of sinusoids, so that every interpolation or direction error changes the values.
            double rowFrequency = random.nextDouble() * 0.6;
            double columnFrequency = random.nextDouble() * 0.75;
            double phase = random.nextDouble();
            for (int channel = 0; channel < 3; channel++) {
                for (int row = 0; row < SIDE; row++) {
                    for (int column = 0; column < SIDE; column++) {
                        image[channel * SIDE * SIDE + row * SIDE + column] = (float) (Math.sin(rowFrequency * row
                                + phase * channel) + Math.cos(columnFrequency * column) + 0.1 * row);
                    }
                }
            }
        }
        Path source = NpyFiles.write(folder.resolve("in.npy"), images);

        AugmentationSpec spec = AugmentationSpec.newBuilder().setEnabled(true).setRotationRange(15)
                .setWidthShiftRange(0.15).setHeightShiftRange(0.15).setHorizontalFlip(true).setFillMode("nearest")
                .build();
        TransformDraws draws = new TransformDraws(spec, 42, 1, SIDE, SIDE);
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            new EpochAugmenter(new AffineAugmenter(SIDE, SIDE, 3), executor).augment(source,
                    folder.resolve("out.npy"), draws);
        } finally {
            executor.shutdownNow();
        }
        StringBuilder parameters = new StringBuilder("degrees,row_shift,column_shift,flip\n");
        for (int row = 0; row < IMAGES; row++) {
            ImageTransform transform = draws.draw(row);
            parameters.append(String.format(Locale.ROOT, "%.17g,%.17g,%.17g,%d%n", transform.degrees(),
                    transform.rowShift(), transform.columnShift(), transform.flip() ? 1 : 0));
        }
        Files.writeString(folder.resolve("params.csv"), parameters);
        System.out.println("Wrote in.npy, out.npy and params.csv to " + folder);
    }
}
