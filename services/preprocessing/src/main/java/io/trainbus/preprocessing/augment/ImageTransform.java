package io.trainbus.preprocessing.augment;

/**
 * The random part of one augmented image, in Keras' terms.
 *
 * @param degrees rotation angle in degrees
 * @param rowShift Keras' {@code tx}: the vertical shift in pixels, drawn from {@code height_shift_range}
 * @param columnShift Keras' {@code ty}: the horizontal shift in pixels, drawn from {@code width_shift_range}
 * @param flip whether the columns are mirrored after the affine transform
 */
public record ImageTransform(double degrees, double rowShift, double columnShift, boolean flip) {

    /** The transform that leaves an image unchanged. */
    public static final ImageTransform IDENTITY = new ImageTransform(0, 0, 0, false);
}
