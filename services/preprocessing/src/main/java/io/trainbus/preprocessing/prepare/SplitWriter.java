package io.trainbus.preprocessing.prepare;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.cifar.CifarRecord;

/** Encodes the records of one split into its features and labels files, counting records per class. */
final class SplitWriter implements Closeable {

    private final String name;
    private final int count;
    private final Normalization normalization;
    private final NpyTensorWriter features;
    private final NpyTensorWriter labels;
    private final float[] pixelRow = new float[CifarFormat.PIXEL_BYTES];
    private final float[] labelRow = new float[CifarFormat.CLASS_COUNT];
    private final long[] perClass = new long[CifarFormat.CLASS_COUNT];

    /** Creates {@code name_x.npy} and {@code name_y.npy} in {@code folder} for {@code count} records. */
    SplitWriter(Path folder, String name, int count, Normalization normalization) throws IOException {
        this.name = name;
        this.count = count;
        this.normalization = normalization;
        this.features = new NpyTensorWriter(folder.resolve(name + "_x.npy"), count, CifarFormat.PIXEL_BYTES);
        this.labels = new NpyTensorWriter(folder.resolve(name + "_y.npy"), count, CifarFormat.CLASS_COUNT);
    }

    void write(CifarRecord record) throws IOException {
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
