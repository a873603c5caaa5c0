package io.trainbus.common.storage;

import java.time.Duration;

/**
 * Limits of the retries of one object-store call. The first try counts as an attempt, and {@code maxDuration}
 * runs from its start, so a call gives up after {@code maxAttempts} tries or once {@code maxDuration} has passed,
 * whichever comes first. The delay before retry n is {@code initialDelay * 2^(n-1)}, capped at {@code maxDelay},
 * then moved at random by up to {@code jitter} of itself in either direction.
 *
 * @param maxAttempts tries of one call, at least 1
 * @param maxDuration time after which no retry starts
 * @param initialDelay delay before the first retry
 * @param maxDelay largest delay between two tries
 * @param jitter fraction of each delay, in [0, 1), by which it varies at random
 */
public record RetrySettings(int maxAttempts, Duration maxDuration, Duration initialDelay, Duration maxDelay,
        double jitter) {

    /** The defaults of {@code trainbus.storage.retry.*}. */
    public static final RetrySettings DEFAULTS = new RetrySettings(10, Duration.ofMinutes(2),
            Duration.ofMillis(500), Duration.ofSeconds(15), 0.25);

    public RetrySettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("trainbus.storage.retry.max-attempts is " + maxAttempts
                    + "; set it to 1 (no retry) or more");
        }
        requirePositive("max-duration", maxDuration);
        requirePositive("initial-delay", initialDelay);
        requirePositive("max-delay", maxDelay);
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("trainbus.storage.retry.max-delay " + maxDelay
                    + " is shorter than initial-delay " + initialDelay + "; make it at least as long");
        }
        if (maxDuration.compareTo(initialDelay) <= 0) {
            throw new IllegalArgumentException("trainbus.storage.retry.max-duration " + maxDuration
                    + " is not longer than initial-delay " + initialDelay + ", so no retry could start; make it"
                    + " longer");
        }
        if (!(jitter >= 0 && jitter < 1)) {
            throw new IllegalArgumentException("trainbus.storage.retry.jitter is " + jitter
                    + "; set it to a fraction in [0, 1), for example 0.25");
        }
    }

    /** @return settings read from {@code trainbus.storage.retry.*} */
    public static RetrySettings of(StorageConfig.Retry config) {
        return new RetrySettings(config.maxAttempts(), config.maxDuration(), config.initialDelay(),
                config.maxDelay(), config.jitter());
    }

    private static void requirePositive(String name, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("trainbus.storage.retry." + name + " is " + value
                    + "; set a positive duration such as PT1S");
        }
    }
}
