package io.trainbus.preprocessing.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.trainbus.preprocessing.augment.AugmentationScheduler;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Augmentation figures in Micrometer: the counter {@code trainbus_augmentation_images_total} of augmented images
 * and the timer {@code trainbus_augmentation_epoch_seconds} of augmenting one epoch (without the upload), whose
 * ratio over a window is the augmented images per second, and the gauge {@code trainbus_augmentation_jobs} of jobs
 * whose epochs this service produces.
 */
@ApplicationScoped
public class AugmentationMetrics {

    private final MeterRegistry registry;
    private final Counter images;
    private final Timer epochs;

    AugmentationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.images = Counter.builder("trainbus.augmentation.images")
                .description("Training images augmented, over all jobs and epochs")
                .register(registry);
        this.epochs = Timer.builder("trainbus.augmentation.epoch")
                .description("Time to augment one epoch of one job, without the upload")
                .register(registry);
    }

    /** Reports the running jobs of a scheduler in the gauge. */
    public void watch(AugmentationScheduler scheduler) {
        Gauge.builder("trainbus.augmentation.jobs", scheduler, AugmentationScheduler::runningJobs)
                .description("Jobs whose augmented epochs this service produces")
                .register(registry);
    }

    /** Records one stored epoch. */
    public void epochStored(long imageCount, Duration augmenting) {
        images.increment(imageCount);
        epochs.record(augmenting);
    }
}
