package io.trainbus.common.cifar;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/** Reads the records of one CIFAR-10 binary file in order, one record in memory at a time. */
public final class CifarRecordReader implements Closeable {

    private final InputStream in;
    private final String fileName;
    private final byte[] buffer = new byte[CifarFormat.RECORD_BYTES];
    private long index;

    /**
     * Wraps a stream positioned at the first record.
     *
     * @param in the file's content, closed by {@link #close}
     * @param fileName file name for error messages
     */
    public CifarRecordReader(InputStream in, String fileName) {
        this.in = new BufferedInputStream(in, 1 << 16);
        this.fileName = fileName;
    }

    /**
     * Reads the next record.
     *
     * @return the record, or null at the end of the file
     * @throws CifarFormatException when the file ends inside a record or a label is 10 or more
     * @throws IOException when reading fails
     */
    public CifarRecord next() throws IOException {
        int read = in.readNBytes(buffer, 0, buffer.length);
        if (read == 0) {
            return null;
        }
        if (read < buffer.length) {
            throw new CifarFormatException(fileName + " ends inside record " + index + " (byte offset "
                    + index * CifarFormat.RECORD_BYTES + "): only " + read + " of " + CifarFormat.RECORD_BYTES
                    + " bytes. The file is truncated; download the dataset again.");
        }
        CifarRecord record = CifarDecoder.decode(buffer, fileName, index);
        index++;
        return record;
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
