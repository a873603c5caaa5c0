package io.trainbus.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trainbus.models.EpochResult;
import io.trainbus.models.Score;
import io.trainbus.trainer.training.TrainerConfig;
import org.junit.jupiter.api.Test;

class TrainingMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void gaugesShowLastEpochOfEachJob() {
        TrainingMetrics metrics = new TrainingMetrics(registry, config(10));

        metrics.recordEpoch("j1", "cnn", epoch(1, 2.0, 1.8), 100);
        metrics.recordEpoch("j1", "cnn", epoch(2, 1.5, 1.6), 100);

        assertThat(gauge("trainbus.training.loss", "j1")).isEqualTo(1.5);
        assertThat(gauge("trainbus.validation.loss", "j1")).isEqualTo(1.6);
        assertThat(gauge("trainbus.training.accuracy", "j1")).isEqualTo(0.5);
        assertThat(gauge("trainbus.validation.accuracy", "j1")).isEqualTo(0.25);
        assertThat(gauge("trainbus.training.epoch", "j1")).isEqualTo(2.0);
        assertThat(registry.get("trainbus.training.images").tag("model", "cnn").counter().count()).isEqualTo(200);
    }

    @Test
    void oldestJobGaugesAreRemovedBeyondLimit() {
        TrainingMetrics metrics = new TrainingMetrics(registry, config(2));

        metrics.recordEpoch("j1", "mlp", epoch(1, 2.0, 2.0), 10);
        metrics.recordEpoch("j2", "mlp", epoch(1, 2.0, 2.0), 10);
        metrics.recordEpoch("j3", "mlp", epoch(1, 2.0, 2.0), 10);

        assertThat(registry.find("trainbus.training.loss").tag("job_id", "j1").gauge()).isNull();
        assertThat(registry.find("trainbus.training.loss").tag("job_id", "j2").gauge()).isNotNull();
        assertThat(registry.find("trainbus.training.loss").tag("job_id", "j3").gauge()).isNotNull();
        assertThat(registry.get("trainbus.training.images").tag("model", "mlp").counter().count()).isEqualTo(30);
    }

    @Test
    void gaugesSurviveGarbageCollection() {
        TrainingMetrics metrics = new TrainingMetrics(registry, config(10));
        metrics.recordEpoch("j1", "mlp", epoch(3, 0.7, 0.9), 10);

        System.gc();

        assertThat(gauge("trainbus.training.loss", "j1")).isEqualTo(0.7);
    }

    private double gauge(String name, String jobId) {
        return registry.get(name).tag("job_id", jobId).gauge().value();
    }

    private static EpochResult epoch(int epoch, double loss, double valLoss) {
        Score validation = new Score(valLoss, 0.25, 10, new int[10][10]);
        return new EpochResult(epoch, 5, loss, 0.5, validation, 1.0, 100.0, true, 0.001);
    }

    private static TrainerConfig config(int jobsKept) {
        return new TrainerConfig() {
            @Override
            public Optional<Path> workDir() {
                return Optional.empty();
            }

            @Override
            public int metricsJobsKept() {
                return jobsKept;
            }
        };
    }
}
