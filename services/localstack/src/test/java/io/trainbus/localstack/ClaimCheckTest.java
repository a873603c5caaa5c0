package io.trainbus.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import io.trainbus.common.messaging.ClaimCheck;
import io.trainbus.common.messaging.ClaimCheckException;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.ObjectRef;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claim checks stored in and resolved from the real S3 server. */
class ClaimCheckTest {

    @TempDir
    static Path dataDir;

    static LocalStack stack;
    static ObjectStore store;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, 0, dataDir, "access", "secret-for-claim-check", 1));
        store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                "trainbus");
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void resolveReturnsStoredPayload() {
        byte[] payload = new byte[2 * 1024 * 1024];
        Arrays.fill(payload, (byte) 7);
        ObjectRef ref = ClaimCheck.store(store, payload);

        byte[] resolved = ClaimCheck.resolve(store, claimCheckHeaders(), ref.toByteArray());

        assertThat(ref.getKey()).startsWith("messages/").endsWith(".pb");
        assertThat(resolved).isEqualTo(payload);
    }

    @Test
    void resolvePassesPlainValueThrough() {
        byte[] value = "plain".getBytes(StandardCharsets.UTF_8);

        assertThat(ClaimCheck.resolve(store, new RecordHeaders(), value)).isSameAs(value);
    }

    @Test
    void resolveRejectsChangedPayload() {
        ObjectRef ref = ClaimCheck.store(store, "original".getBytes(StandardCharsets.UTF_8));
        store.putBytes(ref.getKey(), "changed!".getBytes(StandardCharsets.UTF_8), "application/x-protobuf");

        assertThatThrownBy(() -> ClaimCheck.resolve(store, claimCheckHeaders(), ref.toByteArray()))
                .isInstanceOf(ClaimCheckException.class)
                .hasMessageContaining(ref.getKey());
    }

    @Test
    void resolveRejectsValueWithoutReference() {
        assertThatThrownBy(() -> ClaimCheck.resolve(store, claimCheckHeaders(), new byte[0]))
                .isInstanceOf(ClaimCheckException.class)
                .hasMessageContaining(ClaimCheck.HEADER);
    }

    private static RecordHeaders claimCheckHeaders() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(ClaimCheck.HEADER, "1".getBytes(StandardCharsets.UTF_8));
        return headers;
    }
}
