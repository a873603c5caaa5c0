package io.trainbus.preprocessing.prepare;

import java.io.IOException;

import io.trainbus.common.request.PreprocessingDefaults;

/**
 * The mapping from pixel bytes to model inputs, {@code (pixel - offset) / divisor} in float32. "scale" divides
 * by 255. "zscore" subtracts the mean and divides by the population standard deviation plus 1e-7, both one scalar
 * over every pixel of every channel of the training split, as the reference study's
 * {@code (x - np.mean(x_train)) / (np.std(x_train) + 1e-7)} does. Validation and test use the same two numbers.
 *
 * @param name the name stored in manifests and the prepared id: {@value #SCALE_NAME} or {@value #ZSCORE_NAME}
 * @param offset subtracted from each pixel value (0 to 255)
 * @param divisor the difference is divided by this
 */
public record Normalization(String name, float offset, float divisor) {

    /** Name stored for dividing by 255, the same as in manifests written before z-scoring existed. */
    public static final String SCALE_NAME = "divide-by-255";
    public static final String ZSCORE_NAME = "zscore";
    /** Added to the standard deviation so that a constant image does not divide by zero. */
    public static final double STD_EPSILON = 1e-7;

    /** Dividing by 255 into [0, 1]. */
    public static final Normalization SCALE = new Normalization(SCALE_NAME, 0f, 255f);

    /**
     * Chooses the normalization of a request, reading the training records for z-scoring.
     *
     * @param method the request's {@code preprocessing.normalization}: "scale" or "zscore"
     * @param raw the downloaded training files
     * @param plan split sizes; the statistics skip the first {@code plan.validation()} records
     * @return the normalization
     * @throws IOException when a file cannot be read
     * @throws IllegalArgumentException when {@code method} is unknown
     */
    public static Normalization of(String method, RawFiles raw, SplitPlan plan) throws IOException {
        if (nameOf(method).equals(SCALE_NAME)) {
            return SCALE;
        }
        return zscore(TensorPreparer.trainingStatistics(raw, plan));
    }

    /**
     * Maps a request's normalization to the name stored in manifests and the prepared id.
     *
     * @param method "scale" or "zscore"
     * @return {@value #SCALE_NAME} or {@value #ZSCORE_NAME}
     * @throws IllegalArgumentException when {@code method} is unknown
     */
    public static String nameOf(String method) {
        if (PreprocessingDefaults.SCALE.equals(method)) {
            return SCALE_NAME;
        }
        if (PreprocessingDefaults.ZSCORE.equals(method)) {
            return ZSCORE_NAME;
        }
        throw new IllegalArgumentException("Invalid preprocessing.normalization '" + method + "': use "
                + PreprocessingDefaults.SCALE + " or " + PreprocessingDefaults.ZSCORE + ".");
    }

    /**
     * Builds the z-score normalization from pixel statistics.
     *
     * @param statistics the training split's pixels
     * @return mean as offset and standard deviation plus {@link #STD_EPSILON} as divisor
     */
    public static Normalization zscore(PixelStatistics statistics) {
        if (statistics.count() == 0) {
            throw new IllegalArgumentException("The training split has no pixels to compute the z-score from.");
        }
        return new Normalization(ZSCORE_NAME, (float) statistics.mean(),
                (float) (statistics.standardDeviation() + STD_EPSILON));
    }

    /**
     * Normalizes unsigned pixel bytes, keeping their order.
     *
     * @param pixels bytes read as 0 to 255
     * @param out destination of the same length
     */
    public void apply(byte[] pixels, float[] out) {
        for (int i = 0; i < pixels.length; i++) {
            out[i] = ((pixels[i] & 0xff) - offset) / divisor;
        }
    }
}
