package io.trainbus.common.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Job figures of one pipeline stage, in the same series for every service so that one dashboard query covers the
 * whole pipeline: the counter {@code trainbus_jobs_total} tagged {@code stage} and {@code outcome}, and the timer
 * {@code trainbus_stage_duration_seconds} tagged {@code stage}. The outcomes are lower-case words such as
 * {@code completed}, {@code reused}, {@code rejected} and {@code failed}.
 */
public final class StageMetrics {

    private final MeterRegistry registry;
    private final String stage;
    private final Timer duration;

    /**
     * Registers the stage's timer and its job counters at zero, so that dashboards find every series before the
     * first job, and the first failure shows as an increase.
     *
     * @param registry where the meters live
     * @param stage the stage name, as in {@code JobFailed.stage}: ingestion, preprocessing, trainer or evaluator
     * @param outcomes the outcomes the stage reports
     */
    public StageMetrics(MeterRegistry registry, String stage, List<String> outcomes) {
        this.registry = registry;
        this.stage = stage;
        this.duration = Timer.builder("trainbus.stage.duration")
                .description("Time one job spent in a stage, successful or not")
                .tag("stage", stage)
                .register(registry);
        outcomes.forEach(this::counter);
    }

    /**
     * Counts one job that left the stage.
     *
     * @param outcome how it left, for example {@code completed} or {@code failed}; lower-cased
     */
    public void count(String outcome) {
        counter(outcome).increment();
    }

    /** Records the time one job spent in the stage. */
    public void recordDuration(Duration elapsed) {
        duration.record(elapsed);
    }

    private Counter counter(String outcome) {
        return Counter.builder("trainbus.jobs")
                .description("Jobs that left a stage, by outcome")
                .tag("stage", stage)
                .tag("outcome", outcome.toLowerCase(Locale.ROOT))
                .register(registry);
    }
}
