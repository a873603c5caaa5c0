package io.trainbus.trainer.metrics;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.trainbus.common.metrics.StageMetrics;
import io.trainbus.models.EpochResult;
import io.trainbus.trainer.training.TrainerConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Training figures in Micrometer.
 * <ul>
 * <li>Per job, tagged {@code job_id} and {@code model}, the last epoch's {@code trainbus_training_loss},
 * {@code trainbus_training_accuracy}, {@code trainbus_validation_loss}, {@code trainbus_validation_accuracy},
 * {@code trainbus_training_epoch}, {@code trainbus_training_learning_rate},
 * {@code trainbus_training_epoch_duration_seconds} and {@code trainbus_training_images_per_second}. They are
 * removed {@code trainbus.metrics.job-series-retention} after the job ends, and at most
 * {@code trainbus.trainer.metrics-jobs-kept} jobs keep them, so a long-running trainer exports a bounded number
 * of series.</li>
 * <li>Per model, the counter {@code trainbus_training_images_total}.</li>
 * <li>With {@code stage="trainer"}, {@code trainbus_jobs_total} by outcome (completed, failed, cancelled or
 * handed_over) and
 * {@code trainbus_stage_duration_seconds} of each job.</li>
 * </ul>
 * Created at start-up, so that every series is on {@code /q/metrics} at zero before the first job.
 */
@Startup
@ApplicationScoped
public class TrainingMetrics {

    /** End state of a training job. */
    public enum Outcome {
        COMPLETED("completed"), FAILED("failed"), CANCELLED("cancelled"),
        /** Stopped because its partition moved to another trainer, which resumes it. */
        HANDED_OVER("handed_over");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }
    }

    private final MeterRegistry registry;
    private final StageMetrics stage;
    private final ScheduledExecutorService scheduler;
    private final JobSeries series;
    /** Start times of running jobs, from {@link System#nanoTime()}. */
    private final Map<String, Long> started = new ConcurrentHashMap<>();

    @Inject
    TrainingMetrics(MeterRegistry registry, TrainerConfig config, JobSeriesConfig seriesConfig) {
        this(registry, config.metricsJobsKept(), seriesConfig.jobSeriesRetention());
    }

    /**
     * @param registry where the meters live
     * @param maxJobs maximum number of jobs with per-job series at one time
     * @param retention time after a job's end before its per-job series are removed
     */
    TrainingMetrics(MeterRegistry registry, int maxJobs, Duration retention) {
        this.registry = registry;
        this.stage = new StageMetrics(registry, "trainer", Arrays.stream(Outcome.values()).map(outcome -> outcome.tag)
                .toList());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "trainbus-job-series-expiry");
            thread.setDaemon(true);
            return thread;
        });
        this.series = new JobSeries(registry, scheduler, retention, maxJobs);
    }

    /** Notes the start of a job, for its duration. */
    public void jobStarted(String jobId) {
        started.put(jobId, System.nanoTime());
    }

    /**
     * Updates a job's gauges and the images counter after one epoch.
     *
     * @param jobId the job
     * @param model the job's model name
     * @param result the epoch's figures
     * @param images training images in the epoch
     */
    public void recordEpoch(String jobId, String model, EpochResult result, long images) {
        series.update(jobId, model, result);
        Counter.builder("trainbus.training.images")
                .description("Training images fed to gradient steps")
                .tag("model", model)
                .register(registry)
                .increment(images);
    }

    /**
     * Counts a job's end, records its duration when its start was noted, and schedules the removal of its
     * per-job series.
     *
     * @param jobId the job, possibly empty when the record could not be read
     * @param outcome how it ended
     */
    public void jobEnded(String jobId, Outcome outcome) {
        stage.count(outcome.tag);
        Long start = started.remove(jobId);
        if (start != null) {
            stage.recordDuration(Duration.ofNanos(System.nanoTime() - start));
        }
        series.ended(jobId);
    }

    /** @return the number of jobs whose per-job series are on {@code /q/metrics} */
    public int jobsWithSeries() {
        return series.size();
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
