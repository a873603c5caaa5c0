package io.trainbus.preprocessing.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingTest {

    @Test
    void oneHotSetsOnlyTheLabel() {
        float[] out = {9, 9, 9, 9, 9, 9, 9, 9, 9, 9};

        Encoding.oneHot(9, out);

        assertThat(out).containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    }
}
