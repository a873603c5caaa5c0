package io.trainbus.common.storage;

import java.time.Duration;

/**
 * Timeouts of one request to the object store and retries of one call.
 *
 * @param connectTimeout longest wait for a TCP connection
 * @param ioTimeout longest wait for one read or write on an open connection
 * @param retry retries of calls that fail for a transient reason
 */
public record ClientLimits(Duration connectTimeout, Duration ioTimeout, RetrySettings retry) {

    /** The defaults of {@code trainbus.storage.*}. */
    public static final ClientLimits DEFAULTS = new ClientLimits(Duration.ofSeconds(10), Duration.ofMinutes(1),
            RetrySettings.DEFAULTS);

    /** @return the limits set in {@code trainbus.storage.*} */
    public static ClientLimits of(StorageConfig config) {
        return new ClientLimits(config.connectTimeout(), config.ioTimeout(), RetrySettings.of(config.retry()));
    }
}
