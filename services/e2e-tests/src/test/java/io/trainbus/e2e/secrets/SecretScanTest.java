package io.trainbus.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretScanTest {

    private static final String SECRET = "s3cr/et+value-1234";

    @Test
    void findsSecretInEveryForm(@TempDir Path logs) throws Exception {
        Files.writeString(logs.resolve("a.log"), "start\nurl http://x/?k=s3cr%2Fet%2Bvalue-1234\nend\n");
        Files.writeString(logs.resolve("b.log"), "token " + Base64.getEncoder().withoutPadding()
                .encodeToString(SECRET.getBytes(StandardCharsets.UTF_8)) + "\n");
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("trainbus.jobs.failed", 0, 7L, "job-1",
                ("reason: secret " + SECRET).getBytes(StandardCharsets.UTF_8));

        SecretScan scan = SecretScan.of(Map.of("S3 secret key", SECRET)).scanFolder(logs).scanRecords(List.of(record));

        assertThat(scan.findings()).extracting(SecretScan.Finding::toString).containsExactly(
                logs.resolve("a.log") + ":2 contains the S3 secret key (percent-encoded)",
                logs.resolve("b.log") + ":1 contains the S3 secret key (Base64)",
                "record trainbus.jobs.failed-0@7 value contains the S3 secret key");
        assertThatThrownBy(scan::assertClean)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("3 places")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void cleanLogsPass(@TempDir Path logs) throws Exception {
        Files.writeString(logs.resolve("a.log"), "INFO started with access key e2e-access\n");

        SecretScan scan = SecretScan.of(Map.of("S3 secret key", SECRET)).scanFolder(logs);

        assertThat(scan.findings()).isEmpty();
        assertThat(scan.scanned()).containsExactly(logs.resolve("a.log").toString());
        scan.assertClean();
    }

    @Test
    void emptyScanAndShortSecretFail(@TempDir Path logs) {
        assertThatThrownBy(() -> SecretScan.of(Map.of("S3 secret key", SECRET)).assertClean())
                .hasMessageContaining("read nothing");
        assertThatThrownBy(() -> SecretScan.of(Map.of("S3 access key", "abc")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("shorter than " + SecretScan.MIN_SECRET_CHARS);
        assertThatThrownBy(() -> SecretScan.of(Map.of("S3 secret key", SECRET)).scanFolder(logs.resolve("none")))
                .hasMessageContaining("does not exist");
    }
}
