package io.trainbus.preprocessing.prepare;

import java.util.Arrays;

import io.trainbus.common.cifar.CifarFormat;

/** Turns a record's label into a model target. {@link Normalization} turns its pixels into inputs. */
public final class Encoding {

    private Encoding() {
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
