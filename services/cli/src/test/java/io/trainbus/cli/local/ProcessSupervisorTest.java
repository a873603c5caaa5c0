package io.trainbus.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessSupervisorTest {

    @TempDir
    Path dir;

    @Test
    void stopAllEndsProcessesOnSigterm() throws Exception {
        ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(10));
        ManagedProcess sleeper = supervisor.start("sleeper", List.of("sleep", "60"), Map.of(), dir,
                dir.resolve("sleeper.log"));
        assertThat(sleeper.process().isAlive()).isTrue();

        assertThat(supervisor.stopRequested()).isFalse();

        supervisor.stopAll();

        assertThat(sleeper.process().isAlive()).isFalse();
        assertThat(supervisor.running()).isEmpty();
        assertThat(supervisor.stopRequested()).isTrue();
    }

    @Test
    void stopAllKillsProcessIgnoringSigterm() throws Exception {
        ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(1));
        ManagedProcess stubborn = supervisor.start("stubborn",
                List.of("sh", "-c", "trap '' TERM; echo trapped; while true; do sleep 1; done"), Map.of(), dir,
                dir.resolve("stubborn.log"));
        LogFiles.awaitLine(stubborn, "trapped", Duration.ofSeconds(10));

        supervisor.stopAll();

        assertThat(stubborn.process().isAlive()).isFalse();
    }

    @Test
    void stopAllTwiceIsHarmless() throws Exception {
        ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(5));
        supervisor.start("sleeper", List.of("sleep", "60"), Map.of(), dir, dir.resolve("sleeper.log"));

        supervisor.stopAll();
        supervisor.stopAll();

        assertThat(supervisor.running()).isEmpty();
    }

    @Test
    void outputAndEnvironmentReachLog() throws Exception {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(5))) {
            ManagedProcess echo = supervisor.start("echo", List.of("sh", "-c", "echo value=$TRAINBUS_TEST_VALUE >&2"),
                    Map.of("TRAINBUS_TEST_VALUE", "42"), dir, dir.resolve("logs/echo.log"));

            assertThat(echo.process().waitFor()).isZero();
            assertThat(Files.readString(echo.log())).isEqualTo("value=42\n");
        }
    }

    @Test
    void missingProgramIsReportedByName() {
        ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(1));

        assertThatThrownBy(() -> supervisor.start("ghost", List.of("/nonexistent/ghost-program"), Map.of(), dir,
                dir.resolve("ghost.log")))
                .isInstanceOf(LocalRunException.class)
                .hasMessageContaining("Starting ghost")
                .hasMessageContaining("/nonexistent/ghost-program");
    }
}
