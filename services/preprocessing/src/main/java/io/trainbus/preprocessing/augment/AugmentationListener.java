package io.trainbus.preprocessing.augment;

import java.time.Duration;

/** Receives what producers do, so that the service can count it and publish {@code JobFailed}. */
public interface AugmentationListener {

    /**
     * Reports an epoch whose features and manifest are stored.
     *
     * @param state the job's state
     * @param epoch 1-based epoch
     * @param images images augmented
     * @param augmenting time spent augmenting, without the upload
     */
    void epochStored(AugmentationState state, int epoch, long images, Duration augmenting);

    /**
     * Reports a job whose augmentation stopped for good.
     *
     * @param state the job's state
     * @param reason what failed, on which epoch, and what to do
     */
    void failed(AugmentationState state, String reason);
}
