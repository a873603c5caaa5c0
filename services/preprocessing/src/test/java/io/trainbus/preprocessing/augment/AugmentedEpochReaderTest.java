package io.trainbus.preprocessing.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.trainbus.common.augment.AugmentedEpochManifest;
import io.trainbus.common.augment.AugmentedEpochReader;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The trainer-side reader of augmented epochs against a real S3 server (S3Proxy in this JVM). */
class AugmentedEpochReaderTest {

    /** The stack's S3 data, which JUnit deletes after the stack stops. */
    @TempDir
    static Path stackDir;
    private static LocalStack stack;
    private static ObjectStore store;

    @TempDir
    Path workDir;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, 0, stackDir, "reader",
                UUID.randomUUID().toString(), 1));
        store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                "reader-test");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void readerWaitsForManifestWrittenLater() throws Exception {
        String jobId = "reader-" + UUID.randomUUID();
        float[][] rows = {{1f, 2f, 3f}, {4f, 5f, 6f}};
        AugmentedEpochReader reader = new AugmentedEpochReader(store, Duration.ofMillis(20), Duration.ofMillis(200));

        CompletableFuture<Path> features = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.awaitFeatures(jobId, 3, workDir, Duration.ofSeconds(30));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(300);
        assertThat(features).as("no manifest is stored yet").isNotDone();
        storeEpoch(jobId, 3, rows, null);

        Path file = features.get(30, TimeUnit.SECONDS);
        assertThat(file.getFileName().toString()).isEqualTo("augmented-epoch-00003-train_x.npy");
        assertThat(file.getParent()).isEqualTo(workDir);
        assertThat(NpyFiles.read(file)).isEqualTo(rows);
        try (var files = Files.list(workDir)) {
            assertThat(files).as("only the finished file remains").containsExactly(file);
        }
    }

    @Test
    void timeoutNamesJobEpochAndSetting() {
        AugmentedEpochReader reader = new AugmentedEpochReader(store, Duration.ofMillis(10), Duration.ofMillis(50));

        assertThatThrownBy(() -> reader.awaitFeatures("absent-job", 7, workDir, Duration.ofMillis(200)))
                .isInstanceOf(TimeoutException.class)
                .hasMessageContaining("job absent-job")
                .hasMessageContaining("epoch 7")
                .hasMessageContaining(AugmentedEpochReader.TIMEOUT_SETTING);
    }

    @Test
    void corruptFeaturesAreRejected() throws Exception {
        String jobId = "corrupt-" + UUID.randomUUID();
        storeEpoch(jobId, 1, new float[][] {{1f, 2f}}, "0".repeat(64));
        AugmentedEpochReader reader = new AugmentedEpochReader(store);

        assertThatThrownBy(() -> reader.awaitFeatures(jobId, 1, workDir, Duration.ofSeconds(5)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(ObjectKeys.augmentedEpochPrefix(jobId, 1));
        try (var files = Files.list(workDir)) {
            assertThat(files).as("no partial download is left").isEmpty();
        }
    }

    /** Stores features and then the manifest, as the producer does. A non-null digest replaces the real one. */
    private static void storeEpoch(String jobId, int epoch, float[][] rows, String digest) throws IOException {
        Path file = NpyFiles.write(Files.createTempFile("augmented-epoch", ".npy"), rows);
        byte[] npy = Files.readAllBytes(file);
        Files.delete(file);
        String key = ObjectKeys.augmentedFeatures(jobId, epoch);
        store.putBytes(key, npy, "application/octet-stream");
        AugmentedEpochManifest manifest = new AugmentedEpochManifest(jobId, epoch, "p1", 42L, key, rows.length,
                rows[0].length, npy.length, digest == null ? Digests.sha256Hex(npy) : digest);
        store.putBytes(ObjectKeys.augmentedManifest(jobId, epoch), Json.MAPPER.writeValueAsBytes(manifest),
                "application/json");
    }
}
