package io.trainbus.preprocessing.prepare;

import static io.trainbus.preprocessing.prepare.PrepareFixtures.spec;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PreparedIdsTest {

    @Test
    void preparedIdChangesWithEverySetting() {
        String base = PreparedIds.of("d1", spec(200, 1000, 200), "divide-by-255");

        assertThat(base).hasSize(16);
        assertThat(PreparedIds.of("d1", spec(200, 1000, 200), "divide-by-255")).isEqualTo(base);
        assertThat(PreparedIds.of("d2", spec(200, 1000, 200), "divide-by-255")).isNotEqualTo(base);
        assertThat(PreparedIds.of("d1", spec(201, 1000, 200), "divide-by-255")).isNotEqualTo(base);
        assertThat(PreparedIds.of("d1", spec(200, 1001, 200), "divide-by-255")).isNotEqualTo(base);
        assertThat(PreparedIds.of("d1", spec(200, 1000, 201), "divide-by-255")).isNotEqualTo(base);
        assertThat(PreparedIds.of("d1", spec(200, 1000, 200), "standardise")).isNotEqualTo(base);
    }
}
