package io.trainbus.preprocessing.augment;

/**
 * Applies one {@link ImageTransform} to a channel-first image stored as floats (the CIFAR layout: each channel's
 * rows in turn), with the semantics of Keras' {@code ImageDataGenerator.apply_transform}.
 *
 * <p>Conventions, checked against keras-preprocessing's {@code apply_affine_transform} and
 * {@code ImageDataGenerator.get_random_transform}: the matrix maps each OUTPUT pixel to the INPUT point it samples
 * from, input = C + R (output - C + t) in (row, column) coordinates, with R = [[cos, -sin], [sin, cos]],
 * t = (tx, ty), tx drawn from {@code height_shift_range} times the rows and ty from {@code width_shift_range} times
 * the columns. So a positive tx moves the content up by tx rows and a positive ty moves it left by ty columns. The
 * sample is bilinear (Keras' default {@code order=1}), and a point outside the image takes the nearest edge pixel,
 * which is what SciPy's {@code mode='nearest'} gives when it clamps both neighbours to the border. The horizontal
 * flip mirrors the columns of the transformed image. C is the exact centre ((rows - 1) / 2, (columns - 1) / 2), as
 * keras-preprocessing's current {@code transform_matrix_offset_center} uses; releases up to 1.1.2 (the SciPy path)
 * used rows / 2 + 0.5, one pixel further down and right, which matters only for rotations.
 *
 * <p>The instance keeps no state, so threads can share it as long as each writes to its own output region.
 */
public final class AffineAugmenter {

    private final int height;
    private final int width;
    private final int channels;

    /**
     * Creates an augmenter for images of one size.
     *
     * @param height rows per image
     * @param width columns per image
     * @param channels channel planes per image
     */
    public AffineAugmenter(int height, int width, int channels) {
        this.height = height;
        this.width = width;
        this.channels = channels;
    }

    /** @return floats per image */
    public int imageSize() {
        return height * width * channels;
    }

    /**
     * Writes the transformed image.
     *
     * @param in source images
     * @param inOffset index of the source image's first value
     * @param out destination, not the same region as the source
     * @param outOffset index where the transformed image starts
     * @param transform angle, shifts and flip
     */
    public void apply(float[] in, int inOffset, float[] out, int outOffset, ImageTransform transform) {
        double radians = Math.toRadians(transform.degrees());
        double cos = Math.cos(radians);
        double sin = Math.sin(radians);
        double centreRow = (height - 1) / 2.0;
        double centreColumn = (width - 1) / 2.0;
        int plane = height * width;

        for (int row = 0; row < height; row++) {
            double dr = row - centreRow + transform.rowShift();
            for (int column = 0; column < width; column++) {
                int transformedColumn = transform.flip() ? width - 1 - column : column;
                double dc = transformedColumn - centreColumn + transform.columnShift();
                double sourceRow = centreRow + cos * dr - sin * dc;
                double sourceColumn = centreColumn + sin * dr + cos * dc;

                int r0 = floor(sourceRow);
                int c0 = floor(sourceColumn);
                double wr = sourceRow - r0;
                double wc = sourceColumn - c0;
                int top = clamp(r0, height) * width;
                int bottom = clamp(r0 + 1, height) * width;
                int left = clamp(c0, width);
                int right = clamp(c0 + 1, width);
                int target = outOffset + row * width + column;
                for (int channel = 0; channel < channels; channel++) {
                    int base = inOffset + channel * plane;
                    double upper = (1 - wc) * in[base + top + left] + wc * in[base + top + right];
                    double lower = (1 - wc) * in[base + bottom + left] + wc * in[base + bottom + right];
                    out[target + channel * plane] = (float) ((1 - wr) * upper + wr * lower);
                }
            }
        }
    }

    /** Rounds down; faster than {@link Math#floor} for the small coordinates of one image. */
    private static int floor(double value) {
        int truncated = (int) value;
        return value < truncated ? truncated - 1 : truncated;
    }

    /** Clamps an index into [0, size - 1]: the "nearest" fill. */
    private static int clamp(int index, int size) {
        return index < 0 ? 0 : Math.min(index, size - 1);
    }
}
