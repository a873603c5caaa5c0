package io.trainbus.models;

/**
 * Keras' {@code EarlyStopping(monitor="val_loss", min_delta, patience)}: an epoch improves when its validation loss
 * is below the best so far by more than minDelta, and the run stops once patience epochs in a row did not improve.
 * The best value moves only on an improvement, so a series of small gains below minDelta still counts as waiting.
 *
 * @param minDelta smallest decrease that counts as an improvement, at least 0
 * @param patience epochs without improvement before stopping, at least 1
 */
public record EarlyStopping(double minDelta, int patience) {

    public EarlyStopping {
        if (!(minDelta >= 0) || patience < 1) {
            throw new IllegalArgumentException("Invalid early stopping min_delta " + minDelta + " and patience "
                    + patience + ": min_delta must be at least 0 and patience at least 1");
        }
    }

    /**
     * Applies one epoch's validation loss.
     *
     * @param state the state after the previous epoch
     * @param valLoss this epoch's validation loss
     * @return the best value so far, the epochs without improvement and whether to stop
     */
    Decision update(TrainingState state, double valLoss) {
        if (valLoss < state.earlyStoppingBest() - minDelta) {
            return new Decision(valLoss, 0, false);
        }
        int wait = state.earlyStoppingWait() + 1;
        return new Decision(state.earlyStoppingBest(), wait, wait >= patience);
    }

    /** Outcome of one epoch for early stopping. */
    record Decision(double best, int epochsWaited, boolean stop) {
    }
}
