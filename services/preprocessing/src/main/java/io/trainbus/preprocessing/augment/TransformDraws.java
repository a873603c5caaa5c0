package io.trainbus.preprocessing.augment;

import io.trainbus.proto.v1.AugmentationSpec;

/**
 * Draws each image's transform from the request seed, the epoch and the image's row, independent of the order in
 * which threads process the rows. So an epoch produced twice, for example after a restart, is identical, and every
 * epoch gets fresh draws. The stream is SplitMix64, the algorithm of {@link java.util.SplittableRandom}, written out
 * here so that each image's draws start from its own row without creating a generator per image.
 */
public final class TransformDraws {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private final long epochSeed;
    private final double rotationRange;
    private final double rowShiftRange;
    private final double columnShiftRange;
    private final boolean horizontalFlip;

    /**
     * Prepares the draws of one epoch.
     *
     * @param spec the request's augmentation with defaults applied
     * @param seed the request's seed
     * @param epoch 1-based epoch
     * @param height image rows, which scale {@code height_shift_range}
     * @param width image columns, which scale {@code width_shift_range}
     */
    public TransformDraws(AugmentationSpec spec, long seed, int epoch, int height, int width) {
        this.epochSeed = mix(mix(seed) + epoch);
        this.rotationRange = spec.getRotationRange();
        this.rowShiftRange = spec.getHeightShiftRange() * height;
        this.columnShiftRange = spec.getWidthShiftRange() * width;
        this.horizontalFlip = spec.getHorizontalFlip();
    }

    /**
     * Draws the transform of one image. The draws follow Keras' order: angle, vertical shift, horizontal shift,
     * then the flip, which happens when a uniform draw from [0, 1) is below 0.5.
     *
     * @param row the image's row in the training split, from 0
     * @return uniform angle in [-rotation_range, rotation_range) degrees and shifts in [-range, range) pixels
     */
    public ImageTransform draw(long row) {
        long state = mix(epochSeed + row * GOLDEN_GAMMA);
        state += GOLDEN_GAMMA;
        double degrees = symmetric(mix(state), rotationRange);
        state += GOLDEN_GAMMA;
        double rowShift = symmetric(mix(state), rowShiftRange);
        state += GOLDEN_GAMMA;
        double columnShift = symmetric(mix(state), columnShiftRange);
        state += GOLDEN_GAMMA;
        boolean flip = horizontalFlip && unit(mix(state)) < 0.5;
        return new ImageTransform(degrees, rowShift, columnShift, flip);
    }

    private static double symmetric(long bits, double range) {
        return (2 * unit(bits) - 1) * range;
    }

    /** Maps 53 random bits to [0, 1). */
    private static double unit(long bits) {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's output function: a bijection of 64-bit values whose outputs look independent. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
