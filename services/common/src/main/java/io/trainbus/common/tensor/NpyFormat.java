package io.trainbus.common.tensor;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Header of NumPy's {@code .npy} format, version 1.0, for little-endian float32 arrays in C order: the layout that
 * {@code numpy.load} and ND4J's {@code Nd4j.createFromNpyFile} read. Written by hand because the format is a
 * ten-byte preamble and a Python dict literal, and no maintained Java library writes it without pulling in a
 * tensor runtime.
 */
public final class NpyFormat {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0};
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([0-9,\\s]*)\\)");

    private NpyFormat() {
    }

    /**
     * Writes the header of a float32 array; the caller then writes the values little-endian in C order.
     *
     * @param out destination
     * @param shape dimensions, each at least 0
     * @throws IOException when writing fails
     */
    public static void writeFloat32Header(OutputStream out, long... shape) throws IOException {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)" : "(" + dims.substring(0, dims.length() - 2)
                + ")";
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shapeText + ", }";
        // Magic (8) + header length (2) + dict + padding + newline must be a multiple of 64 bytes.
        int unpadded = MAGIC.length + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        out.write(MAGIC);
        out.write(header.length() & 0xff);
        out.write((header.length() >> 8) & 0xff);
        out.write(header.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Reads a header written by {@link #writeFloat32Header} and leaves the stream at the first value.
     *
     * @param in source
     * @return the array's shape
     * @throws IOException when the stream is not a little-endian float32 C-order version 1.0 file
     */
    public static long[] readFloat32Header(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        byte[] magic = new byte[MAGIC.length];
        data.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("Not a version 1.0 .npy file: it starts with " + Arrays.toString(magic));
        }
        int length = data.readUnsignedByte() | (data.readUnsignedByte() << 8);
        byte[] header = new byte[length];
        data.readFully(header);
        String dict = new String(header, StandardCharsets.US_ASCII);
        if (!dict.contains("'descr': '<f4'") || !dict.contains("'fortran_order': False")) {
            throw new IOException("Expected a little-endian float32 array in C order, found header " + dict.trim());
        }
        Matcher matcher = SHAPE.matcher(dict);
        if (!matcher.find()) {
            throw new IOException("The .npy header has no shape: " + dict.trim());
        }
        return Arrays.stream(matcher.group(1).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).mapToLong(Long::parseLong).toArray();
    }
}
