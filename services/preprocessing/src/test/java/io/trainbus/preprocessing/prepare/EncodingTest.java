package io.trainbus.preprocessing.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingTest {

    @Test
    void scalingDividesUnsignedBytesBy255() {
        float[] out = new float[4];

        Encoding.scale(new byte[] {0, 1, (byte) 128, (byte) 255}, out);

        assertThat(out).containsExactly(0f, 1 / 255f, 128 / 255f, 1f);
    }

    @Test
    void oneHotSetsOnlyTheLabel() {
        float[] out = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9};

        Encoding.oneHot(9, out);

        assertThat(out).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    }
}
