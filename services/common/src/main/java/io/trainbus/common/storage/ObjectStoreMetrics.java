package io.trainbus.common.storage;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

/**
 * Object-store figures, tagged {@code operation} (put, get, stat, list, remove): the timer
 * {@code trainbus_object_store_operation_duration_seconds} of successful calls, the counter
 * {@code trainbus_object_store_bytes_total} of bytes uploaded (put) and downloaded (get), and the counter
 * {@code trainbus_object_store_errors_total} of calls that failed for good, and the counter
 * {@code trainbus_object_store_retries_total} of retries after transient failures. A lookup of a missing key is a
 * successful stat.
 */
public final class ObjectStoreMetrics {

    /** Store operations, named after the S3 requests they make. */
    enum Operation {
        PUT("put"), GET("get"), STAT("stat"), LIST("list"), REMOVE("remove");

        private final String tag;

        Operation(String tag) {
            this.tag = tag;
        }
    }

    private final Map<Operation, Timer> durations = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> errors = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> retries = new EnumMap<>(Operation.class);
    private final Map<Operation, Counter> bytes = new EnumMap<>(Operation.class);

    /**
     * Registers every series at zero, so that dashboards and alerts find them before the first call or error.
     *
     * @param registry where the meters live
     */
    public ObjectStoreMetrics(MeterRegistry registry) {
        for (Operation operation : Operation.values()) {
            durations.put(operation, Timer.builder("trainbus.object.store.operation.duration")
                    .description("Duration of successful object-store calls, by operation")
                    .tag("operation", operation.tag)
                    .register(registry));
            errors.put(operation, Counter.builder("trainbus.object.store.errors")
                    .description("Failed object-store calls, by operation")
                    .tag("operation", operation.tag)
                    .register(registry));
            retries.put(operation, Counter.builder("trainbus.object.store.retries")
                    .description("Object-store calls tried again after a transient failure, by operation")
                    .tag("operation", operation.tag)
                    .register(registry));
        }
        for (Operation operation : List.of(Operation.PUT, Operation.GET)) {
            bytes.put(operation, Counter.builder("trainbus.object.store.bytes")
                    .description("Object bytes uploaded (put) and downloaded (get)")
                    .tag("operation", operation.tag)
                    .register(registry));
        }
    }

    /** @return metrics that record nothing, for stores used outside a service (tests, tools) */
    public static ObjectStoreMetrics disabled() {
        // A composite registry without member registries hands out no-op meters.
        return new ObjectStoreMetrics(new CompositeMeterRegistry());
    }

    /**
     * Records a successful call.
     *
     * @param operation the call
     * @param startNanos {@link System#nanoTime()} when the call started
     * @param bytesMoved bytes uploaded (put) or downloaded (get); ignored for the other operations
     */
    void succeeded(Operation operation, long startNanos, long bytesMoved) {
        durations.get(operation).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        Counter counter = bytes.get(operation);
        if (counter != null) {
            counter.increment(bytesMoved);
        }
    }

    /** Counts a call that failed for good, after its retries. */
    void failed(Operation operation) {
        errors.get(operation).increment();
    }

    /** Counts one retry of a call. */
    void retried(Operation operation) {
        retries.get(operation).increment();
    }
}
