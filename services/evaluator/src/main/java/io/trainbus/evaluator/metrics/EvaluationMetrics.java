package io.trainbus.evaluator.metrics;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.trainbus.common.metrics.StageMetrics;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Evaluation figures in Micrometer, tagged {@code model}: the counter {@code trainbus_evaluations_total} with
 * {@code outcome} completed or failed, the summary {@code trainbus_evaluation_test_accuracy} of test accuracy, and
 * the timer {@code trainbus_evaluation_duration_seconds} of finished evaluations (scoring, pictures and reports).
 * The same outcomes and durations also go to the pipeline-wide {@link StageMetrics} series with
 * {@code stage="evaluator"}, which are registered at start-up.
 */
@Startup
@ApplicationScoped
public class EvaluationMetrics {

    private final MeterRegistry registry;
    private final StageMetrics stage;

    EvaluationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.stage = new StageMetrics(registry, "evaluator", List.of("completed", "failed"));
    }

    /**
     * Counts a finished evaluation and records its accuracy and duration.
     *
     * @param model the job's model name
     * @param testAccuracy fraction of test images classified correctly
     * @param duration wall time of the evaluation
     */
    public void recordEvaluation(String model, double testAccuracy, Duration duration) {
        outcome(model, "completed").increment();
        stage.count("completed");
        stage.recordDuration(duration);
        Timer.builder("trainbus.evaluation.duration")
                .description("Wall time of an evaluation: scoring, pictures and reports")
                .tag("model", model)
                .register(registry)
                .record(duration);
        DistributionSummary.builder("trainbus.evaluation.test.accuracy")
                .description("Test accuracy of evaluated jobs, in [0, 1]")
                .tag("model", model)
                .register(registry)
                .record(testAccuracy);
    }

    /**
     * Counts a failed evaluation.
     *
     * @param model the job's model name, empty when the record could not be read
     */
    public void recordFailure(String model) {
        outcome(model, "failed").increment();
        stage.count("failed");
    }

    private Counter outcome(String model, String outcome) {
        return Counter.builder("trainbus.evaluations")
                .description("Evaluations by outcome")
                .tag("model", model)
                .tag("outcome", outcome)
                .register(registry);
    }
}
