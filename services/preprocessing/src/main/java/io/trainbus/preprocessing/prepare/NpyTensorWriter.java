package io.trainbus.preprocessing.prepare;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

import io.trainbus.common.storage.Digests;
import io.trainbus.common.tensor.NpyFormat;

/**
 * Streams a float32 matrix of known shape to an .npy file one row at a time, computing its SHA-256 on the way.
 * Only one row is held in memory.
 */
public final class NpyTensorWriter implements Closeable {

    private final Path file;
    private final long rows;
    private final int columns;
    private final MessageDigest digest = Digests.sha256();
    private final OutputStream out;
    private final ByteBuffer rowBuffer;
    private long rowsWritten;
    private WrittenTensor written;

    /**
     * Creates the file and writes the header.
     *
     * @param file destination, replaced when it exists
     * @param rows number of rows that will be written
     * @param columns values per row
     * @throws IOException when the file cannot be written
     */
    public NpyTensorWriter(Path file, long rows, int columns) throws IOException {
        this.file = file;
        this.rows = rows;
        this.columns = columns;
        this.out = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16), digest);
        this.rowBuffer = ByteBuffer.allocate(columns * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        NpyFormat.writeFloat32Header(out, rows, columns);
    }

    /**
     * Appends one row.
     *
     * @param values exactly {@code columns} values
     * @throws IOException when writing fails
     */
    public void writeRow(float[] values) throws IOException {
        if (values.length != columns || rowsWritten >= rows) {
            throw new IllegalStateException("Row " + rowsWritten + " of " + file + " has " + values.length
                    + " values; the tensor is declared as " + rows + " x " + columns);
        }
        rowBuffer.clear();
        rowBuffer.asFloatBuffer().put(values);
        out.write(rowBuffer.array());
        rowsWritten++;
    }

    /**
     * Closes the file and checks that every declared row was written.
     *
     * @return the file with its shape, size and digest
     * @throws IOException when closing fails or rows are missing
     */
    public WrittenTensor finish() throws IOException {
        close();
        if (rowsWritten != rows) {
            throw new IOException(file + " received " + rowsWritten + " rows, but its header declares " + rows);
        }
        return written;
    }

    @Override
    public void close() throws IOException {
        if (written == null) {
            out.close();
            written = new WrittenTensor(file, rows, columns, Files.size(file),
                    HexFormat.of().formatHex(digest.digest()));
        }
    }

    /**
     * A finished .npy file.
     *
     * @param file local path
     * @param rows first dimension
     * @param columns second dimension
     * @param sizeBytes file size, header included
     * @param sha256 lower-case hex SHA-256 of the file
     */
    public record WrittenTensor(Path file, long rows, int columns, long sizeBytes, String sha256) {
    }
}
