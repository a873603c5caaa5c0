package io.trainbus.preprocessing.augment;

/** Receives augmentations that gave up, so that the service can publish {@code JobFailed}. */
@FunctionalInterface
public interface AugmentationFailureListener {

    /**
     * Reports a job whose augmentation stopped for good.
     *
     * @param state the job's state
     * @param reason what failed, on which epoch, and what to do
     */
    void failed(AugmentationState state, String reason);
}
