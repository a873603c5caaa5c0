package io.trainbus.ingestion.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.trainbus.common.metrics.StageMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ingestion figures in the pipeline-wide series of {@link StageMetrics}, with {@code stage="ingestion"}:
 * {@code trainbus_jobs_total} by outcome (ingested, reused, rejected or failed) and
 * {@code trainbus_stage_duration_seconds} of each dataset fetch, verification and upload.
 * Created at start-up, so that every series is on {@code /q/metrics} at zero before the first job.
 */
@Startup
@ApplicationScoped
public class IngestionMetrics {

    /** Outcome of one request record. */
    public enum Outcome {
        INGESTED, REUSED, REJECTED, FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final StageMetrics stage;

    IngestionMetrics(MeterRegistry registry) {
        this.stage = new StageMetrics(registry, "ingestion", Arrays.stream(Outcome.values()).map(Outcome::tag)
                .toList());
    }

    /** Counts one request record by its outcome. */
    public void count(Outcome outcome) {
        stage.count(outcome.tag());
    }

    /** Records the time one dataset ingestion took, successful or not. */
    public void recordDuration(Duration elapsed) {
        stage.recordDuration(elapsed);
    }
}
