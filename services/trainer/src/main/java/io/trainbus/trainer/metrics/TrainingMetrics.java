package io.trainbus.trainer.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.trainbus.models.EpochResult;
import io.trainbus.trainer.training.TrainerConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Training figures in Micrometer. Per job, tagged {@code job_id} and {@code model}: the last epoch's
 * {@code trainbus_training_loss}, {@code trainbus_training_accuracy}, {@code trainbus_validation_loss},
 * {@code trainbus_validation_accuracy} and {@code trainbus_training_epoch}. Per model: the counter
 * {@code trainbus_training_images_total}. Only the most recent jobs keep their gauges, so the number of series
 * stays bounded in a long-running trainer.
 */
@ApplicationScoped
public class TrainingMetrics {

    private final MeterRegistry registry;
    private final int jobsKept;
    /** Figures of the kept jobs, oldest first. The gauges read these objects, and this map keeps them reachable. */
    private final Map<String, JobGauges> jobs = new LinkedHashMap<>();

    TrainingMetrics(MeterRegistry registry, TrainerConfig config) {
        this.registry = registry;
        this.jobsKept = Math.max(1, config.metricsJobsKept());
    }

    /**
     * Updates a job's gauges and the images counter after one epoch.
     *
     * @param jobId the job
     * @param model the job's model name
     * @param result the epoch's figures
     * @param images training images in the epoch
     */
    public synchronized void recordEpoch(String jobId, String model, EpochResult result, long images) {
        JobGauges gauges = jobs.computeIfAbsent(jobId, id -> new JobGauges(registry, Tags.of("job_id", id,
                "model", model)));
        gauges.update(result);
        Counter.builder("trainbus.training.images")
                .description("Training images fed to gradient steps")
                .tag("model", model)
                .register(registry)
                .increment(images);
        while (jobs.size() > jobsKept) {
            String oldest = jobs.keySet().iterator().next();
            jobs.remove(oldest).remove(registry);
        }
    }

    /** The last epoch's figures of one job and the gauges that read them. */
    private static final class JobGauges {

        private volatile double loss = Double.NaN;
        private volatile double accuracy = Double.NaN;
        private volatile double valLoss = Double.NaN;
        private volatile double valAccuracy = Double.NaN;
        private volatile double epoch;
        private final List<Meter> meters = new ArrayList<>();

        JobGauges(MeterRegistry registry, Tags tags) {
            meters.add(gauge(registry, "trainbus.training.loss", "Mean training loss of the last epoch", tags,
                    g -> g.loss));
            meters.add(gauge(registry, "trainbus.training.accuracy", "Training accuracy of the last epoch", tags,
                    g -> g.accuracy));
            meters.add(gauge(registry, "trainbus.validation.loss", "Validation loss after the last epoch", tags,
                    g -> g.valLoss));
            meters.add(gauge(registry, "trainbus.validation.accuracy", "Validation accuracy after the last epoch",
                    tags, g -> g.valAccuracy));
            meters.add(gauge(registry, "trainbus.training.epoch", "Last finished epoch, 1-based", tags,
                    g -> g.epoch));
        }

        private Gauge gauge(MeterRegistry registry, String name, String description, Tags tags,
                java.util.function.ToDoubleFunction<JobGauges> value) {
            return Gauge.builder(name, this, value)
                    .description(description)
                    .tags(tags)
                    .strongReference(true)
                    .register(registry);
        }

        void update(EpochResult result) {
            loss = result.loss();
            accuracy = result.accuracy();
            valLoss = result.valLoss();
            valAccuracy = result.valAccuracy();
            epoch = result.epoch();
        }

        void remove(MeterRegistry registry) {
            meters.forEach(registry::remove);
        }
    }
}
