package io.trainbus.ingestion.idx;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests, including headers that no valid file has. */
public final class IdxFiles {

    private IdxFiles() {
    }

    /**
     * Builds an images file whose pixel {@code p} of image {@code i} is {@code (i * 7 + p) % 256}.
     *
     * @param count number of images
     * @param rows rows of each image
     * @param columns columns of each image
     * @return the file's bytes, big-endian header
     */
    public static byte[] images(int count, int rows, int columns) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + count * rows * columns);
        buffer.putInt(0x00000803).putInt(count).putInt(rows).putInt(columns);
        for (int image = 0; image < count; image++) {
            for (int pixel = 0; pixel < rows * columns; pixel++) {
                buffer.put((byte) ((image * 7 + pixel) % 256));
            }
        }
        return buffer.array();
    }

    /**
     * Builds a labels file.
     *
     * @param labels one value per record
     * @return the file's bytes, big-endian header
     */
    public static byte[] labels(int... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(0x00000801).putInt(labels.length);
        for (int label : labels) {
            buffer.put((byte) label);
        }
        return buffer.array();
    }

    /** @return a copy whose header integers (the first {@code headerInts}) are written little-endian */
    public static byte[] littleEndianHeader(byte[] file, int headerInts) {
        byte[] copy = file.clone();
        ByteBuffer source = ByteBuffer.wrap(file);
        ByteBuffer target = ByteBuffer.wrap(copy).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < headerInts; i++) {
            target.putInt(i * 4, source.getInt(i * 4));
        }
        return copy;
    }

    /** @return the bytes gzip-compressed */
    public static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }
}
