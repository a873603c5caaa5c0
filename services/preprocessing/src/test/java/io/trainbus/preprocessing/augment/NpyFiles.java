package io.trainbus.preprocessing.augment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import io.trainbus.common.tensor.NpyFormat;

/** Writes and reads small float32 .npy matrices for the augmentation tests. */
public final class NpyFiles {

    private NpyFiles() {
    }

    public static Path write(Path file, float[][] rows) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            NpyFormat.writeFloat32Header(out, rows.length, rows[0].length);
            ByteBuffer bytes = ByteBuffer.allocate(rows[0].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : rows) {
                bytes.clear();
                bytes.asFloatBuffer().put(row);
                out.write(bytes.array());
            }
        }
        return file;
    }

    public static float[][] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            long[] shape = NpyFormat.readFloat32Header(in);
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[][] rows = new float[(int) shape[0]][(int) shape[1]];
            for (float[] row : rows) {
                bytes.asFloatBuffer().get(row);
                bytes.position(bytes.position() + row.length * Float.BYTES);
            }
            return rows;
        }
    }
}
