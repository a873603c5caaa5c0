package io.trainbus.common.storage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Connection to the S3-compatible object store that carries datasets, tensors, checkpoints and reports.
 * Set through {@code trainbus.storage.*} properties or {@code TRAINBUS_STORAGE_*} environment variables.
 */
@ConfigMapping(prefix = "trainbus.storage")
public interface StorageConfig {

    /** Base URL of the S3 API, for example {@code http://127.0.0.1:9000}. */
    String endpoint();

    /** Access key id. */
    String accessKey();

    /** Secret key; never logged. */
    String secretKey();

    /** Bucket that contains every object of trainbus. It is created at start-up when missing. */
    @WithDefault("trainbus")
    String bucket();

    /** Region sent in signatures; S3Proxy and MinIO accept the default. */
    @WithDefault("us-east-1")
    String region();

    /** Maximum wait for a TCP connection to the store. A refused connection fails at once. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** Maximum wait for one read or write on an open connection, not for a whole transfer. */
    @WithDefault("PT1M")
    Duration ioTimeout();

    /** Retries of calls that fail for a transient reason; see {@link RetrySettings}. */
    Retry retry();

    /** Retry limits under {@code trainbus.storage.retry.*}; a call ends at whichever limit it reaches first. */
    interface Retry {

        /** Tries of one call, the first included; 1 turns retries off. */
        @WithDefault("10")
        int maxAttempts();

        /** Time from the first try after which no retry starts. */
        @WithDefault("PT2M")
        Duration maxDuration();

        /** Delay before the first retry; each later delay doubles, up to {@code max-delay}. */
        @WithDefault("PT0.5S")
        Duration initialDelay();

        /** Largest delay between two tries. */
        @WithDefault("PT15S")
        Duration maxDelay();

        /** Fraction in [0, 1) by which each delay varies at random, so that many clients do not retry at once. */
        @WithDefault("0.25")
        double jitter();
    }
}
