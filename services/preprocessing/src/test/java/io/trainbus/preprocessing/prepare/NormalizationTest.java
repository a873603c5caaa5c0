package io.trainbus.preprocessing.prepare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void scaleDividesUnsignedBytesBy255() {
        float[] out = new float[4];

        Normalization.SCALE.apply(new byte[] {0, 1, (byte) 128, (byte) 255}, out);

        assertThat(out).containsExactly(0f, 1 / 255f, 128 / 255f, 1f);
    }

    @Test
    void statisticsArePopulationMeanAndDeviation() {
        PixelStatistics statistics = new PixelStatistics();
        statistics.add(new byte[] {0, (byte) 255});
        statistics.add(new byte[] {0, (byte) 255});

        assertThat(statistics.count()).isEqualTo(4);
        assertThat(statistics.mean()).isEqualTo(127.5);
        assertThat(statistics.standardDeviation()).isEqualTo(127.5);
    }

    @Test
    void zscoreCentresAndDivides() {
        PixelStatistics statistics = new PixelStatistics();
        statistics.add(new byte[] {2, 4, 4, 4, 5, 5, 7, 9});
        Normalization normalization = Normalization.zscore(statistics);
        float[] out = new float[2];

        normalization.apply(new byte[] {5, 7}, out);

        assertThat(normalization.offset()).isEqualTo(5f);
        assertThat(normalization.divisor()).isEqualTo((float) (2 + 1e-7));
        assertThat(out).containsExactly(0f, 2f / (float) (2 + 1e-7));
    }

    @Test
    void namesDifferByMethod() {
        assertThat(Normalization.nameOf("scale")).isEqualTo("divide-by-255");
        assertThat(Normalization.nameOf("zscore")).isEqualTo("zscore");
        assertThatThrownBy(() -> Normalization.nameOf("minmax"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'minmax'")
                .hasMessageContaining("zscore");
    }
}
