package io.trainbus.trainer.training;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Waits of the trainer service, under {@code trainbus.trainer}. */
@ConfigMapping(prefix = "trainbus.trainer")
public interface TrainerTimeouts {

    /**
     * Longest wait for a running job to stop after its Kafka partition was revoked: about one batch plus one
     * checkpoint upload. Keep it well below the consumer's max.poll.interval.ms, which bounds the whole rebalance.
     */
    @WithDefault("PT2M")
    Duration stopTimeout();

    /**
     * Longest wait for the augmented images of one epoch, which the preprocessing service writes ahead of the
     * trainer; a job whose epoch does not arrive in time fails with a message that names this setting.
     */
    @WithDefault("PT30M")
    Duration augmentationTimeout();
}
