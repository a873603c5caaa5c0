package io.trainbus.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NativeThreadsTest {

    @AfterEach
    void restoreDefaults() {
        NativeThreads.override(OptionalInt.empty());
    }

    @Test
    void referenceModelsUseTheirDefaults() {
        assertThat(NativeThreads.forModel("mlp")).isEqualTo(NativeThreads.DEFAULTS.get("mlp"));
        assertThat(NativeThreads.forModel("cnn")).isEqualTo(NativeThreads.DEFAULTS.get("cnn"));
        assertThat(NativeThreads.forModel("optimized-cnn")).isEqualTo(NativeThreads.DEFAULTS.get("optimized-cnn"));
    }

    @Test
    void customModelUsesFallback() {
        assertThat(NativeThreads.forModel("custom")).isEqualTo(NativeThreads.FALLBACK);
    }

    @Test
    void overrideAppliesToEveryModel() {
        NativeThreads.override(OptionalInt.of(3));

        assertThat(NativeThreads.forModel("cnn")).isEqualTo(3);
        assertThat(NativeThreads.forModel("custom")).isEqualTo(3);
    }

    @Test
    void zeroThreadsAreRejected() {
        assertThatThrownBy(() -> NativeThreads.override(OptionalInt.of(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainbus.trainer.native.threads 0");
    }
}
