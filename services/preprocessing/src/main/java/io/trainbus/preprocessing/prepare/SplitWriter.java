package io.trainbus.preprocessing.prepare;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.trainbus.common.dataset.ImageRecord;

/**
 * Encodes the records of one split into its features and labels files, counting records per class. A features row
 * has one value per pixel of the dataset's image shape, a labels row one value per class.
 */
final class SplitWriter implements Closeable {

    private final String name;
    private final int count;
    private final Normalization normalization;
    private final NpyTensorWriter features;
    private final NpyTensorWriter labels;
    private final float[] pixelRow;
    private final float[] labelRow;
    private final long[] perClass;

    /** Creates {@code name_x.npy} and {@code name_y.npy} in {@code folder} for {@code count} records. */
    SplitWriter(Path folder, String name, int count, RawFiles raw, Normalization normalization) throws IOException {
        this.name = name;
        this.count = count;
        this.normalization = normalization;
        this.pixelRow = new float[raw.shape().pixelsPerImage()];
        this.labelRow = new float[raw.classCount()];
        this.perClass = new long[raw.classCount()];
        this.features = new NpyTensorWriter(folder.resolve(name + "_x.npy"), count, pixelRow.length);
        this.labels = new NpyTensorWriter(folder.resolve(name + "_y.npy"), count, labelRow.length);
    }

    void write(ImageRecord record) throws IOException {
        normalization.apply(record.pixels(), pixelRow);
        Encoding.oneHot(record.label(), labelRow);
        features.writeRow(pixelRow);
        labels.writeRow(labelRow);
        perClass[record.label()]++;
    }

    SplitTensors finish() throws IOException {
        return new SplitTensors(name, count, Arrays.stream(perClass).boxed().toList(), features.finish(),
                labels.finish());
    }

    @Override
    public void close() throws IOException {
        try (labels) {
            features.close();
        }
    }
}
