package io.trainbus.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trainbus.models.EpochResult;
import io.trainbus.models.Score;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrainingMetricsTest {

    private static final Duration LONG_RETENTION = Duration.ofHours(1);
    private static final Duration WAIT_LIMIT = Duration.ofSeconds(20);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private TrainingMetrics metrics;

    @AfterEach
    void stopScheduler() {
        if (metrics != null) {
            metrics.stop();
        }
    }

    @Test
    void gaugesShowLastEpochOfEachJob() {
        metrics = new TrainingMetrics(registry, 10, LONG_RETENTION);

        metrics.jobStarted("j1");
        metrics.recordEpoch("j1", "cnn", epoch(1, 2.0, 1.8), 100);
        metrics.recordEpoch("j1", "cnn", epoch(2, 1.5, 1.6), 100);

        assertThat(gauge("trainbus.training.loss", "j1")).isEqualTo(1.5);
        assertThat(gauge("trainbus.validation.loss", "j1")).isEqualTo(1.6);
        assertThat(gauge("trainbus.training.accuracy", "j1")).isEqualTo(0.5);
        assertThat(gauge("trainbus.validation.accuracy", "j1")).isEqualTo(0.25);
        assertThat(gauge("trainbus.training.epoch", "j1")).isEqualTo(2.0);
        assertThat(gauge("trainbus.training.learning.rate", "j1")).isEqualTo(0.001);
        assertThat(gauge("trainbus.training.epoch.duration", "j1")).isEqualTo(3.0);
        assertThat(gauge("trainbus.training.images.per.second", "j1")).isEqualTo(400.0);
        assertThat(registry.get("trainbus.training.images").tag("model", "cnn").counter().count()).isEqualTo(200);
    }

    @Test
    void jobEndCountsOutcomeAndDuration() {
        metrics = new TrainingMetrics(registry, 10, LONG_RETENTION);

        metrics.jobStarted("ok");
        metrics.jobEnded("ok", TrainingMetrics.Outcome.COMPLETED);
        metrics.jobStarted("bad");
        metrics.jobEnded("bad", TrainingMetrics.Outcome.FAILED);
        metrics.jobEnded("unreadable-record", TrainingMetrics.Outcome.FAILED);

        assertThat(jobs("completed")).isEqualTo(1);
        assertThat(jobs("failed")).isEqualTo(2);
        assertThat(registry.get("trainbus.stage.duration").tag("stage", "trainer").timer().count())
                .as("durations of jobs whose start was noted").isEqualTo(2);
    }

    @Test
    void seriesOfEndedJobsAreRemovedAfterRetention() throws InterruptedException {
        metrics = new TrainingMetrics(registry, 1000, Duration.ofMillis(20));
        int metersBefore = registry.getMeters().size();

        metrics.jobStarted("j1");
        metrics.recordEpoch("j1", "mlp", epoch(1, 2.0, 2.0), 10);
        int metersOfOneJob = registry.getMeters().size() - metersBefore;
        metrics.jobEnded("j1", TrainingMetrics.Outcome.COMPLETED);
        awaitJobsWithSeries(0);

        assertThat(metersOfOneJob).as("meters added by one job's first epoch").isEqualTo(9);
        assertThat(registry.find("trainbus.training.loss").tag("job_id", "j1").gauge()).isNull();
        assertThat(registry.find("trainbus.training.images").counter()).as("per-model counter").isNotNull();
        assertThat(registry.getMeters().size()).isEqualTo(metersBefore + 1);
    }

    @Test
    void manyShortJobsKeepSeriesCountFlat() throws InterruptedException {
        metrics = new TrainingMetrics(registry, 5, Duration.ofMillis(20));
        int maxSeries = 0;

        for (int i = 0; i < 300; i++) {
            String jobId = "short-" + i;
            metrics.jobStarted(jobId);
            metrics.recordEpoch(jobId, "mlp", epoch(1, 2.0, 2.0), 10);
            metrics.recordEpoch(jobId, "mlp", epoch(2, 1.0, 1.5), 10);
            metrics.jobEnded(jobId, i % 10 == 0 ? TrainingMetrics.Outcome.FAILED : TrainingMetrics.Outcome.COMPLETED);
            maxSeries = Math.max(maxSeries, gaugeSeries());
        }
        awaitJobsWithSeries(0);

        assertThat(maxSeries).as("per-job gauge series at any time, 8 per job").isLessThanOrEqualTo(5 * 8);
        assertThat(gaugeSeries()).as("per-job gauge series after the retention").isZero();
        assertThat(jobs("completed") + jobs("failed")).isEqualTo(300);
    }

    @Test
    void limitRemovesEndedJobsBeforeRunningOnes() {
        metrics = new TrainingMetrics(registry, 2, LONG_RETENTION);

        metrics.recordEpoch("running", "mlp", epoch(1, 2.0, 2.0), 10);
        metrics.recordEpoch("ended", "mlp", epoch(1, 2.0, 2.0), 10);
        metrics.jobEnded("ended", TrainingMetrics.Outcome.COMPLETED);
        metrics.recordEpoch("new", "mlp", epoch(1, 2.0, 2.0), 10);

        assertThat(registry.find("trainbus.training.loss").tag("job_id", "ended").gauge()).isNull();
        assertThat(registry.find("trainbus.training.loss").tag("job_id", "running").gauge()).isNotNull();
        assertThat(registry.find("trainbus.training.loss").tag("job_id", "new").gauge()).isNotNull();
        assertThat(metrics.jobsWithSeries()).isEqualTo(2);
    }

    @Test
    void resubmittedJobKeepsItsNewSeries() throws InterruptedException {
        metrics = new TrainingMetrics(registry, 10, Duration.ofMillis(200));

        metrics.recordEpoch("again", "mlp", epoch(1, 2.0, 2.0), 10);
        metrics.jobEnded("again", TrainingMetrics.Outcome.FAILED);
        metrics.recordEpoch("again", "mlp", epoch(1, 0.5, 0.7), 10);
        // The removal scheduled for the first run must leave the second run's gauges alone.
        Thread.sleep(600);

        assertThat(gauge("trainbus.training.loss", "again")).isEqualTo(0.5);
        assertThat(metrics.jobsWithSeries()).isEqualTo(1);
    }

    @Test
    void gaugesSurviveGarbageCollection() throws InterruptedException {
        metrics = new TrainingMetrics(registry, 10, LONG_RETENTION);
        metrics.recordEpoch("j1", "mlp", epoch(3, 0.7, 0.9), 10);

        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(gauge("trainbus.training.loss", "j1")).isEqualTo(0.7);
        assertThat(gauge("trainbus.validation.loss", "j1")).isEqualTo(0.9);
    }

    private void awaitJobsWithSeries(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT_LIMIT.toNanos();
        while (metrics.jobsWithSeries() != expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(metrics.jobsWithSeries()).as("jobs with per-job series").isEqualTo(expected);
    }

    private int gaugeSeries() {
        return (int) registry.getMeters().stream()
                .map(Meter::getId)
                .filter(id -> id.getTag("job_id") != null)
                .count();
    }

    private double jobs(String outcome) {
        return registry.get("trainbus.jobs").tag("stage", "trainer").tag("outcome", outcome).counter().count();
    }

    private double gauge(String name, String jobId) {
        return registry.get(name).tag("job_id", jobId).gauge().value();
    }

    private static EpochResult epoch(int epoch, double loss, double valLoss) {
        Score validation = new Score(valLoss, 0.25, 10, new int[10][10]);
        return new EpochResult(epoch, 5, loss, 0.5, validation, 3.0, 400.0, true, 0.001);
    }
}
