package io.trainbus.ingestion.idx;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.ingestion.source.SourceLayout;

/**
 * Reads the items of one IDX file of unsigned bytes in order, after checking its header. A file whose name ends in
 * {@code .gz} is gunzipped while it is read, and any other file is read as raw IDX. Every check fails with a
 * {@link DatasetFormatException} that names the file, the byte offset or count, and the fix. Offsets in a
 * {@code .gz} file count bytes of its decompressed content.
 */
public final class IdxReader implements Closeable {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final String DOWNLOAD_AGAIN = "download the file again.";

    private final String name;
    private final IdxType type;
    private final boolean gzip;
    private final InputStream in;
    private final byte[] header;
    private final long count;
    private final int itemBytes;
    private long offset;
    private long itemsRead;

    private IdxReader(String name, IdxType type, boolean gzip, InputStream in) throws IOException {
        this.name = name;
        this.type = type;
        this.gzip = gzip;
        this.in = in;
        this.header = readHeader();
        this.count = declaredCount();
        this.itemBytes = type == IdxType.IMAGES ? bigEndian(header, 8) * bigEndian(header, 12) : 1;
    }

    /**
     * Opens an IDX file and checks its header: the magic number and byte order, a positive item count, and for
     * images the size of each image against the expected shape.
     *
     * @param file the file. A name ending in {@code .gz} marks gzip-compressed content.
     * @param type whether the file contains images or labels
     * @param shape the expected image shape, whose height and width an images file's rows and columns must equal
     * @return a reader positioned at the first item
     * @throws DatasetFormatException when the file or its header is invalid
     * @throws IOException when the file cannot be read
     */
    public static IdxReader open(Path file, IdxType type, ImageShape shape) throws IOException {
        String fileName = file.getFileName().toString();
        boolean gzip = fileName.endsWith(SourceLayout.GZIP_SUFFIX);
        BufferedInputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
        try {
            boolean gzipContent = startsWithGzipMagic(raw);
            if (gzip && !gzipContent) {
                throw new DatasetFormatException(file + " is not gzip-compressed: it does not start with the gzip "
                        + "magic bytes 1f 8b at byte offset 0. Remove the .gz suffix if it is a raw IDX file, or "
                        + DOWNLOAD_AGAIN);
            }
            if (!gzip && gzipContent) {
                throw new DatasetFormatException(file + " is gzip-compressed (magic bytes 1f 8b at byte offset 0), "
                        + "but its name has no .gz suffix, so it was read as raw IDX. Name it " + fileName
                        + SourceLayout.GZIP_SUFFIX + " or gunzip it.");
            }
            InputStream content = gzip ? gunzip(file, raw) : raw;
            IdxReader reader = new IdxReader(file.toString(), type, gzip, content);
            reader.checkShape(shape);
            return reader;
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    private static InputStream gunzip(Path file, InputStream raw) throws DatasetFormatException {
        try {
            return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
        } catch (IOException e) {
            throw new DatasetFormatException(file + " has an invalid gzip header after the magic bytes at byte "
                    + "offset 0 (" + e.getMessage() + "). The gzip file is damaged; " + DOWNLOAD_AGAIN);
        }
    }

    /** @return the number of items the header declares, at least 1 */
    public long count() {
        return count;
    }

    /** @return size in bytes of one item: rows x columns for images, 1 for labels */
    public int itemBytes() {
        return itemBytes;
    }

    /** @return the file's path, for messages */
    public String name() {
        return name;
    }

    /**
     * Formats the position where an item starts, for messages.
     *
     * @param index 0-based item index
     * @return "byte offset N", with "of the decompressed content" added for a {@code .gz} file
     */
    public String positionOf(long index) {
        return "byte offset " + (header.length + index * itemBytes) + contentNote();
    }

    /**
     * Reads the next item.
     *
     * @param item a buffer of {@link #itemBytes()} bytes
     * @throws DatasetFormatException when the file ends inside the item
     * @throws IOException when the file cannot be read
     * @throws IllegalStateException when every declared item was read already
     */
    public void next(byte[] item) throws IOException {
        if (itemsRead == count) {
            throw new IllegalStateException(name + ": all " + count + " items were read");
        }
        int read = read(item, itemBytes);
        if (read < itemBytes) {
            String where = read == 0 ? ", where item " + itemsRead + " should start" : ", inside item " + itemsRead;
            throw new DatasetFormatException(name + " is truncated at byte offset " + offset + contentNote() + where
                    + ": its header declares " + count + " " + type.noun() + " of " + bytes(itemBytes) + ", so the "
                    + "file should be " + bytes(header.length + count * itemBytes) + ". The file is incomplete; "
                    + DOWNLOAD_AGAIN);
        }
        itemsRead++;
    }

    /**
     * Checks that the file ends right after the declared items.
     *
     * @throws DatasetFormatException when more bytes follow
     * @throws IOException when the file cannot be read
     */
    public void requireEnd() throws IOException {
        long end = offset;
        if (read(new byte[1], 1) > 0) {
            throw new DatasetFormatException(name + " has trailing bytes from byte offset " + end + contentNote()
                    + ": its header declares " + count + " " + type.noun() + " of " + bytes(itemBytes) + ", which end"
                    + " there. The header's count does not match the data; " + DOWNLOAD_AGAIN);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private byte[] readHeader() throws IOException {
        byte[] bytes = new byte[type.headerBytes()];
        int read = read(bytes, bytes.length);
        if (read < 4) {
            throw new DatasetFormatException(name + " ends at byte offset " + offset + contentNote() + ", inside "
                    + "the 4-byte IDX magic number, so it is not an IDX file; " + DOWNLOAD_AGAIN);
        }
        checkMagic(bigEndian(bytes, 0));
        if (read < bytes.length) {
            throw new DatasetFormatException(name + " ends at byte offset " + offset + contentNote() + ", inside "
                    + "its " + bytes.length + "-byte IDX header. The file is incomplete; " + DOWNLOAD_AGAIN);
        }
        return bytes;
    }

    private long declaredCount() throws DatasetFormatException {
        int declared = bigEndian(header, 4);
        if (declared <= 0) {
            throw new DatasetFormatException(name + " declares " + declared + " " + type.noun() + " at byte offset "
                    + "4; the count must be positive. The header is damaged; " + DOWNLOAD_AGAIN);
        }
        return declared;
    }

    private void checkMagic(int magic) throws DatasetFormatException {
        if (magic == type.magic()) {
            return;
        }
        String found = "magic number 0x" + hex(magic) + " at byte offset 0" + contentNote();
        String expected = "an IDX " + type.noun() + " file starts with 0x" + hex(type.magic());
        if (Integer.reverseBytes(magic) == type.magic()) {
            throw new DatasetFormatException(name + " has the wrong byte order: its " + found + " is 0x"
                    + hex(type.magic()) + " in little-endian order, but IDX files are big-endian. Write the file "
                    + "in big-endian order or " + DOWNLOAD_AGAIN);
        }
        IdxType other = IdxType.ofMagic(magic);
        if (other != null) {
            throw new DatasetFormatException(name + " is an IDX " + other.noun() + " file (" + found + "), but "
                    + type.noun() + " were expected and " + expected + ". Check that the images and labels files "
                    + "are not swapped or renamed.");
        }
        throw new DatasetFormatException(name + " is not an IDX file of unsigned bytes: it has the " + found
                + ", but " + expected + ". The file is damaged or of another format; " + DOWNLOAD_AGAIN);
    }

    private void checkShape(ImageShape shape) throws DatasetFormatException {
        if (type != IdxType.IMAGES) {
            return;
        }
        int rows = bigEndian(header, 8);
        int columns = bigEndian(header, 12);
        if (rows != shape.height() || columns != shape.width()) {
            throw new DatasetFormatException(name + " contains images of " + rows + "x" + columns + " pixels (rows and "
                    + "columns at byte offsets 8 and 12), but this dataset's images are " + shape.height() + "x"
                    + shape.width() + ". Use the files of this dataset.");
        }
    }

    private String contentNote() {
        return gzip ? " of the decompressed content" : "";
    }

    /** Reads up to {@code length} bytes, fewer only at the end of the content, and advances the offset. */
    private int read(byte[] buffer, int length) throws IOException {
        int read;
        try {
            read = in.readNBytes(buffer, 0, length);
        } catch (IOException e) {
            if (!gzip) {
                throw e;
            }
            throw new DatasetFormatException(name + " could not be decompressed after byte offset " + offset
                    + contentNote() + " (" + e.getMessage() + "). The gzip file is damaged; " + DOWNLOAD_AGAIN);
        }
        offset += read;
        return read;
    }

    /** Returns whether the stream starts with the gzip magic bytes 1f 8b, leaving its position unchanged. */
    private static boolean startsWithGzipMagic(BufferedInputStream in) throws IOException {
        in.mark(2);
        int first = in.read();
        int second = in.read();
        in.reset();
        return first == 0x1f && second == 0x8b;
    }

    private static int bigEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | bytes[at + 3] & 0xff;
    }

    /** Formats a byte count for messages, singular for one byte. */
    private static String bytes(long count) {
        return count == 1 ? "1 byte" : count + " bytes";
    }

    private static String hex(int value) {
        return HexFormat.of().toHexDigits(value);
    }
}
