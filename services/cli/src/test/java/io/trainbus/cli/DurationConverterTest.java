package io.trainbus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void parsesShortAndIsoForms() {
        assertThat(DurationConverter.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(DurationConverter.parse("2H")).isEqualTo(Duration.ofHours(2));
        assertThat(DurationConverter.parse("3d")).isEqualTo(Duration.ofDays(3));
        assertThat(DurationConverter.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void rejectsUnknownUnitNamingValue() {
        assertThatThrownBy(() -> DurationConverter.parse("10 minutes"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("'10 minutes'")
                .hasMessageContaining("30m");
    }

    @Test
    void rejectsZero() {
        assertThatThrownBy(() -> DurationConverter.parse("0s"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("greater than zero");
    }

    @Test
    void formatsInLargestWholeUnit() {
        assertThat(DurationConverter.format(Duration.ofHours(24))).isEqualTo("1d");
        assertThat(DurationConverter.format(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(DurationConverter.format(Duration.ofMinutes(15))).isEqualTo("15m");
    }
}
