package io.trainbus.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class ChunkRatesTest {

    @Test
    void oddCountTakesMiddle() {
        ChunkRates rates = new ChunkRates(List.of(30.0, 10.0, 20.0));

        assertThat(rates.median()).isEqualTo(20.0);
        assertThat(rates.min()).isEqualTo(10.0);
        assertThat(rates.max()).isEqualTo(30.0);
        assertThat(rates.summary(1)).isEqualTo("20.0 (10.0-30.0)");
    }

    @Test
    void evenCountAveragesMiddlePair() {
        assertThat(new ChunkRates(List.of(4.0, 1.0, 3.0, 2.0)).median()).isEqualTo(2.5);
    }

    @Test
    void emptyIsRejected() {
        assertThatThrownBy(() -> new ChunkRates(List.of())).hasMessageContaining("at least one");
    }
}
