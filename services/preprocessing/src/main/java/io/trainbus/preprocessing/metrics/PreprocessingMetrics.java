package io.trainbus.preprocessing.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.trainbus.common.metrics.StageMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Preprocessing figures in the pipeline-wide series of {@link StageMetrics}, with {@code stage="preprocessing"}:
 * {@code trainbus_jobs_total} by outcome (prepared, reused or failed) and {@code trainbus_stage_duration_seconds}
 * of each preparation.
 * Created at start-up, so that every series is on {@code /q/metrics} at zero before the first job.
 */
@Startup
@ApplicationScoped
public class PreprocessingMetrics {

    /** Outcome of one ingested-dataset record. */
    public enum Outcome {
        PREPARED, REUSED, FAILED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final StageMetrics stage;

    PreprocessingMetrics(MeterRegistry registry) {
        this.stage = new StageMetrics(registry, "preprocessing", Arrays.stream(Outcome.values()).map(Outcome::tag)
                .toList());
    }

    /** Counts one record by its outcome. */
    public void count(Outcome outcome) {
        stage.count(outcome.tag());
    }

    /** Records the time one preparation took, successful or not. */
    public void recordDuration(Duration elapsed) {
        stage.recordDuration(elapsed);
    }
}
