package io.trainbus.cli.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void tailReturnsLastLines() throws Exception {
        Path log = dir.resolve("a.log");
        Files.writeString(log, IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n")));

        assertThat(LogFiles.tail(log, 3)).isEqualTo("line 48\nline 49\nline 50");
    }

    @Test
    void tailOfMissingFileSaysSo() {
        assertThat(LogFiles.tail(dir.resolve("missing.log"), 3)).contains("does not exist");
    }

    @Test
    void tailKeepsLinesAroundInvalidUtf8() throws Exception {
        Path log = dir.resolve("binary.log");
        Files.write(log, new byte[] {'o', 'k', '\n', (byte) 0xff, '\n', 'e', 'n', 'd'});

        assertThat(LogFiles.tail(log, 3)).startsWith("ok\n").endsWith("\nend");
    }

    @Test
    void awaitLineReturnsReadyLine() throws Exception {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(5))) {
            ManagedProcess process = supervisor.start("stack", List.of("sh", "-c",
                    "echo starting; sleep 1; echo 'READY kafka=127.0.0.1:1 s3=http://127.0.0.1:2'; sleep 30"),
                    Map.of(), dir, dir.resolve("stack.log"));

            String line = LogFiles.awaitLine(process, "READY ", Duration.ofSeconds(20));

            assertThat(line).isEqualTo("READY kafka=127.0.0.1:1 s3=http://127.0.0.1:2");
        }
    }

    @Test
    void awaitLineReportsEarlyExitWithTail() throws Exception {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(5))) {
            ManagedProcess process = supervisor.start("stack", List.of("sh", "-c", "echo 'port in use'; exit 3"),
                    Map.of(), dir, dir.resolve("stack.log"));

            assertThatThrownBy(() -> LogFiles.awaitLine(process, "READY ", Duration.ofSeconds(20)))
                    .isInstanceOf(LocalRunException.class)
                    .hasMessageContaining("stack process exited with code 3")
                    .hasMessageContaining("port in use");
        }
    }

    @Test
    void awaitLineTimesOutWithTail() throws Exception {
        try (ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(5))) {
            ManagedProcess process = supervisor.start("stack", List.of("sh", "-c", "echo still booting; sleep 30"),
                    Map.of(), dir, dir.resolve("stack.log"));

            assertThatThrownBy(() -> LogFiles.awaitLine(process, "READY ", Duration.ofSeconds(2)))
                    .isInstanceOf(LocalRunException.class)
                    .hasMessageContaining("Timed out after 2 s")
                    .hasMessageContaining("still booting");
        }
    }
}
