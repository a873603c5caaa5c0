package io.trainbus.common.dataset;

/**
 * One decoded image of a raw record file.
 *
 * @param label class index, 0 to the dataset's class count - 1
 * @param pixels the pixel bytes in the channel-planar order of {@link ImageShape}. Read them as unsigned
 *        ({@code b & 0xff}).
 */
public record ImageRecord(int label, byte[] pixels) {

    /**
     * Reads one pixel value.
     *
     * @param shape the dataset's image shape
     * @param channel 0 to channels - 1 (0, 1, 2 are red, green, blue for colour images)
     * @param row 0 to height - 1, top to bottom
     * @param column 0 to width - 1, left to right
     * @return the intensity, 0 to 255
     */
    public int pixel(ImageShape shape, int channel, int row, int column) {
        return pixels[shape.index(channel, row, column)] & 0xff;
    }
}
