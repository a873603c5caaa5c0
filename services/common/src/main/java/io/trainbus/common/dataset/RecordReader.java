package io.trainbus.common.dataset;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a raw record file in order, one record in memory at a time. A record is one label byte followed by the
 * pixels of one image in {@link ImageShape} order. This is the CIFAR-10 binary layout, and ingestion converts other
 * formats to it.
 */
public final class RecordReader implements Closeable {

    private final InputStream in;
    private final String fileName;
    private final int classCount;
    private final byte[] buffer;
    private long index;

    /**
     * Wraps a stream positioned at the first record.
     *
     * @param in the file's content, closed by {@link #close}
     * @param fileName file name for error messages
     * @param shape the image shape, which fixes the record size
     * @param classCount the number of classes. Every label must be below it.
     */
    public RecordReader(InputStream in, String fileName, ImageShape shape, int classCount) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.fileName = fileName;
        this.classCount = classCount;
        this.buffer = new byte[recordBytes(shape)];
    }

    /** @return size in bytes of one record of this shape: the label byte and the pixels */
    public static int recordBytes(ImageShape shape) {
        return 1 + shape.pixelsPerImage();
    }

    /**
     * Reads the next record.
     *
     * @return the record, with a copy of the pixels, or null at the end of the file
     * @throws DatasetFormatException when the file ends inside a record or a label is out of range
     * @throws IOException when reading fails
     */
    public ImageRecord next() throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return null;
        }
        long offset = index * buffer.length;
        if (read < buffer.length) {
            throw new DatasetFormatException(fileName + " ends inside record " + index + " (byte offset " + offset
                    + "): only " + read + " of " + buffer.length + " bytes. The file is truncated; ingest the "
                    + "dataset again.");
        }
        int label = buffer[0] & 0xff;
        if (label >= classCount) {
            throw new DatasetFormatException(fileName + ": record " + index + " (byte offset " + offset + ") has "
                    + "label " + label + ", but labels run from 0 to " + (classCount - 1) + ". The file is corrupt "
                    + "or from another dataset; download the dataset again.");
        }
        index++;
        byte[] pixels = new byte[buffer.length - 1];
        System.arraycopy(buffer, 1, pixels, 0, pixels.length);
        return new ImageRecord(label, pixels);
    }

    /** @return the number of records read so far */
    public long recordsRead() {
        return index;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
