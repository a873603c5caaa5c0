package io.trainbus.trainer.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.trainbus.models.EpochResult;

/**
 * The last epoch's figures of one job and the gauges that read them, tagged {@code job_id} and {@code model}. The
 * gauges hold strong references to this object, so they keep reporting after the caller drops it; only
 * {@link #remove} ends them.
 */
final class JobGauges {

    private volatile EpochResult last;
    private final List<Meter> meters = new ArrayList<>();

    JobGauges(MeterRegistry registry, String jobId, String model, EpochResult first) {
        this.last = first;
        Tags tags = Tags.of("job_id", jobId, "model", model);
        gauge(registry, tags, "trainbus.training.loss", null, "Mean training loss of the last epoch",
                r -> r.loss());
        gauge(registry, tags, "trainbus.training.accuracy", null, "Training accuracy of the last epoch, in [0, 1]",
                r -> r.accuracy());
        gauge(registry, tags, "trainbus.validation.loss", null, "Validation loss after the last epoch",
                r -> r.valLoss());
        gauge(registry, tags, "trainbus.validation.accuracy", null,
                "Validation accuracy after the last epoch, in [0, 1]", r -> r.valAccuracy());
        gauge(registry, tags, "trainbus.training.epoch", null, "Last finished epoch, 1-based", r -> r.epoch());
        gauge(registry, tags, "trainbus.training.learning.rate", null, "Learning rate during the last epoch",
                r -> r.learningRate());
        gauge(registry, tags, "trainbus.training.epoch.duration", "seconds",
                "Wall time of the last epoch, validation included", r -> r.seconds());
        gauge(registry, tags, "trainbus.training.images.per.second", null,
                "Training images per second of the last epoch, validation excluded", r -> r.imagesPerSecond());
    }

    private void gauge(MeterRegistry registry, Tags tags, String name, String baseUnit, String description,
            ToDoubleFunction<EpochResult> figure) {
        meters.add(Gauge.builder(name, this, gauges -> figure.applyAsDouble(gauges.last))
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .strongReference(true)
                .register(registry));
    }

    void update(EpochResult result) {
        last = result;
    }

    void remove(MeterRegistry registry) {
        meters.forEach(registry::remove);
    }
}
