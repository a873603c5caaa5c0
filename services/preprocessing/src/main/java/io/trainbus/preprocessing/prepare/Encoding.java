package io.trainbus.preprocessing.prepare;

import java.util.Arrays;

import io.trainbus.common.cifar.CifarFormat;

/** Turns a record into model inputs: pixels scaled to [0, 1] and one-hot labels. */
public final class Encoding {

    /** Name of the pixel normalisation, recorded in manifests and the prepared id. */
    public static final String NORMALISATION = "divide-by-255";

    private Encoding() {
    }

    /**
     * Scales unsigned pixel bytes to float32 by dividing by 255, keeping their order.
     *
     * @param pixels bytes read as 0 to 255
     * @param out destination of the same length
     */
    public static void scale(byte[] pixels, float[] out) {
        for (int i = 0; i < pixels.length; i++) {
            out[i] = (pixels[i] & 0xff) / 255f;
        }
    }

    /**
     * Writes the one-hot vector of a label.
     *
     * @param label class index, 0 to 9
     * @param out destination of {@link CifarFormat#CLASS_COUNT} values, overwritten
     */
    public static void oneHot(int label, float[] out) {
        Arrays.fill(out, 0f);
        out[label] = 1f;
    }
}
