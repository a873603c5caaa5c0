package io.trainbus.preprocessing.prepare;

import java.util.Arrays;

/** Turns a record's label into a model target. {@link Normalization} turns its pixels into inputs. */
public final class Encoding {

    private Encoding() {
    }

    /**
     * Writes the one-hot vector of a label.
     *
     * @param label class index, 0 to {@code out.length - 1}
     * @param out destination of one value per class, overwritten
     */
    public static void oneHot(int label, float[] out) {
        Arrays.fill(out, 0f);
        out[label] = 1f;
    }
}
