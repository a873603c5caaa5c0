package io.trainbus.preprocessing.metrics;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Preprocessing figures in Micrometer: the counter {@code trainbus_preprocessing_jobs_total}, tagged
 * {@code outcome} (prepared, reused or failed), and the timer {@code trainbus_preprocessing_duration_seconds} of
 * each preparation.
 */
@ApplicationScoped
public class PreprocessingMetrics {

    /** Outcome of one ingested-dataset record. */
    public enum Outcome {
        PREPARED, REUSED, FAILED
    }

    private final MeterRegistry registry;
    private final Timer duration;

    PreprocessingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.duration = Timer.builder("trainbus.preprocessing.duration")
                .description("Time to prepare, or find, the tensors of one job")
                .register(registry);
    }

    /** Counts one record by its outcome. */
    public void count(Outcome outcome) {
        Counter.builder("trainbus.preprocessing.jobs")
                .description("Ingested-dataset records processed, by outcome")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    /** Records the time one preparation took, successful or not. */
    public void recordDuration(Duration elapsed) {
        duration.record(elapsed);
    }
}
