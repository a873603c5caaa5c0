package io.trainbus.models;

/**
 * Thrown by the training loop when a stop was requested between two batches. The network then contains weights from
 * the middle of an epoch, so only checkpoints from earlier epoch ends should be kept.
 */
public class TrainingStoppedException extends RuntimeException {

    private final int epoch;

    /**
     * @param epoch 1-based epoch that was interrupted
     */
    public TrainingStoppedException(int epoch) {
        super("Training stopped on request during epoch " + epoch);
        this.epoch = epoch;
    }

    /** Returns the 1-based epoch that was interrupted. */
    public int epoch() {
        return epoch;
    }
}
