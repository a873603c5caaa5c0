package io.trainbus.ingestion.metrics;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingestion figures in Micrometer: the counter {@code trainbus_ingestion_requests_total}, tagged {@code outcome}
 * (ingested, reused, rejected or failed), and the timer {@code trainbus_ingestion_duration_seconds} of each
 * dataset fetch, verification and upload.
 */
@ApplicationScoped
public class IngestionMetrics {

    /** Outcome of one request record. */
    public enum Outcome {
        INGESTED, REUSED, REJECTED, FAILED
    }

    private final MeterRegistry registry;
    private final Timer duration;

    IngestionMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("trainbus.ingestion.duration")
                .description("Time to resolve, verify and store the dataset of one valid request")
                .register(registry);
    }

    /** Counts one request record by its outcome. */
    public void count(Outcome outcome) {
        Counter.builder("trainbus.ingestion.requests")
                .description("Request records processed, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /** Records the time one dataset ingestion took, successful or not. */
    public void recordDuration(Duration elapsed) {
        duration.record(elapsed);
    }
}
