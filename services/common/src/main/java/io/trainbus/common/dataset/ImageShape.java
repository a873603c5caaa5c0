package io.trainbus.common.dataset;

/**
 * Size of the images of a dataset. Pixels are stored channel-planar: all of channel 0 in row-major order, then
 * channel 1, and so on, which is the layout of the CIFAR-10 binary files and of DL4J's NCHW input.
 *
 * @param height rows of pixels
 * @param width columns of pixels
 * @param channels 3 for RGB, 1 for grayscale
 */
public record ImageShape(int height, int width, int channels) {

    public ImageShape {
        if (height < 1 || width < 1 || channels < 1) {
            throw new IllegalArgumentException("Invalid image shape " + height + "x" + width + "x" + channels
                    + ": height, width and channels must be at least 1.");
        }
    }

    /** @return number of pixels in one channel, height x width */
    public int planeSize() {
        return height * width;
    }

    /** @return number of values per image, height x width x channels */
    public int pixelsPerImage() {
        return height * width * channels;
    }

    /**
     * Finds a pixel in a channel-planar image.
     *
     * @param channel 0 to channels - 1
     * @param row 0 to height - 1, top to bottom
     * @param column 0 to width - 1, left to right
     * @return its index in the image's pixel array
     */
    public int index(int channel, int row, int column) {
        return channel * planeSize() + row * width + column;
    }

    @Override
    public String toString() {
        return height + "x" + width + "x" + channels;
    }
}
