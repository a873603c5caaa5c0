package io.trainbus.common.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

import io.minio.errors.ServerException;
import org.junit.jupiter.api.Test;

class TransientFailuresTest {

    @Test
    void networkErrorsAreTransient() {
        assertThat(TransientFailures.isTransient(new ConnectException("Connection refused"))).isTrue();
        assertThat(TransientFailures.isTransient(new SocketException("Connection reset"))).isTrue();
        assertThat(TransientFailures.isTransient(new SocketTimeoutException("Read timed out"))).isTrue();
        assertThat(TransientFailures.isTransient(new EOFException("unexpected end of stream"))).isTrue();
    }

    @Test
    void wrappedNetworkErrorIsTransient() {
        RuntimeException wrapped = new RuntimeException("call failed", new ConnectException("Connection refused"));

        assertThat(TransientFailures.isTransient(wrapped)).isTrue();
    }

    @Test
    void serverErrorsAreTransient() {
        assertThat(TransientFailures.isTransient(new ServerException("unavailable", 503, "trace"))).isTrue();
        assertThat(TransientFailures.isTransient(new ServerException("internal", 500, "trace"))).isTrue();
        assertThat(TransientFailures.isTransient(new ServerException("too many requests", 429, "trace"))).isTrue();
    }

    @Test
    void clientAndLocalErrorsArePermanent() {
        assertThat(TransientFailures.isTransient(new ServerException("bad request", 400, "trace"))).isFalse();
        assertThat(TransientFailures.isTransient(new NoSuchFileException("/tmp/missing.npy"))).isFalse();
        assertThat(TransientFailures.isTransient(new AccessDeniedException("/tmp/read-only"))).isFalse();
        assertThat(TransientFailures.isTransient(new IllegalArgumentException("bad key"))).isFalse();
    }
}
