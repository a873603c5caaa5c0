package io.trainbus.common.cifar;

import java.util.Arrays;

/**
 * One decoded image.
 *
 * @param label class index, 0 to 9
 * @param pixels the 3,072 pixel bytes: red plane, green plane, blue plane, each 32x32 row-major; read them as
 *        unsigned ({@code b & 0xff})
 */
public record CifarRecord(int label, byte[] pixels) {

    /** Channel index of the red plane, for {@link #plane} and {@link #pixel}. */
    public static final int RED = 0;
    public static final int GREEN = 1;
    public static final int BLUE = 2;

    /**
     * Copies one colour plane.
     *
     * @param channel {@link #RED}, {@link #GREEN} or {@link #BLUE}
     * @return 1,024 bytes in row-major order
     */
    public byte[] plane(int channel) {
        int start = channel * CifarFormat.PLANE_BYTES;
        return Arrays.copyOfRange(pixels, start, start + CifarFormat.PLANE_BYTES);
    }

    /**
     * Reads one pixel value.
     *
     * @param channel {@link #RED}, {@link #GREEN} or {@link #BLUE}
     * @param row 0 to 31, top to bottom
     * @param column 0 to 31, left to right
     * @return the intensity, 0 to 255
     */
    public int pixel(int channel, int row, int column) {
        return pixels[channel * CifarFormat.PLANE_BYTES + row * 32 + column] & 0xff;
    }
}
