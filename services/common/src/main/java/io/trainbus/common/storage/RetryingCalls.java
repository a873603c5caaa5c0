package io.trainbus.common.storage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.function.CheckedSupplier;
import io.trainbus.common.storage.ObjectStoreMetrics.Operation;
import org.jboss.logging.Logger;

/**
 * Runs object-store calls under {@link RetrySettings}, retrying the failures {@link TransientFailures} accepts.
 * Failsafe does the backoff, jitter and limits because it works on plain objects, so the CLI and tests get the
 * same policy as the services without CDI interceptors. Each retry is logged at warn and counted in
 * {@link ObjectStoreMetrics}.
 */
final class RetryingCalls {

    private static final Logger LOG = Logger.getLogger(RetryingCalls.class);

    private final RetrySettings settings;
    private final ObjectStoreMetrics metrics;

    RetryingCalls(RetrySettings settings, ObjectStoreMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Runs a call, retrying transient failures, and records its outcome.
     *
     * @param operation the S3 request kind, for the metrics
     * @param what the call and its object, for example {@code Read of s3://trainbus/a at http://host:9000}
     * @param call the call; it must be safe to repeat
     * @return the call's result
     * @throws ObjectStoreException naming {@code what}, the attempts and the last failure
     */
    <T> T call(Operation operation, String what, CheckedSupplier<T> call) {
        long started = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        RetryPolicyBuilder<T> builder = RetryPolicy.<T>builder()
                .handleIf(TransientFailures::isTransient)
                .withMaxAttempts(settings.maxAttempts())
                .withMaxDuration(settings.maxDuration());
        // Failsafe's backoff needs a maximum above the first delay; equal values mean a fixed delay.
        if (settings.maxDelay().compareTo(settings.initialDelay()) > 0) {
            builder.withBackoff(settings.initialDelay(), settings.maxDelay());
        } else {
            builder.withDelay(settings.initialDelay());
        }
        RetryPolicy<T> policy = builder
                .withJitter(settings.jitter())
                .onRetry(event -> {
                    metrics.retried(operation);
                    LOG.warnf("%s failed on attempt %d of at most %d (%s); retrying", what, event.getAttemptCount(),
                            settings.maxAttempts(), message(event.getLastException()));
                })
                .build();
        try {
            return Failsafe.with(policy).get(() -> {
                attempts.incrementAndGet();
                return call.get();
            });
        } catch (FailsafeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failure(operation, what, attempts.get(), started, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw failure(operation, what, attempts.get(), started, e);
        }
    }

    private ObjectStoreException failure(Operation operation, String what, int attempts, long started,
            Throwable cause) {
        metrics.failed(operation);
        if (!TransientFailures.isTransient(cause)) {
            String tries = attempts > 1 ? " on attempt " + attempts : "";
            return new ObjectStoreException(what + " failed" + tries + ": " + message(cause), cause);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        String message = what + " failed after " + attempts + " attempts in " + elapsed.toSeconds() + " s: "
                + message(cause) + ". The store was unreachable or failing for longer than the retry limit"
                + " (trainbus.storage.retry.max-attempts=" + settings.maxAttempts()
                + ", trainbus.storage.retry.max-duration=" + settings.maxDuration() + ").";
        LOG.errorf("%s", message);
        return new ObjectStoreException(message, cause);
    }

    private static String message(Throwable failure) {
        if (failure == null) {
            return "no cause";
        }
        String text = failure.getMessage();
        return text == null || text.isBlank() ? failure.getClass().getSimpleName() : text;
    }
}
