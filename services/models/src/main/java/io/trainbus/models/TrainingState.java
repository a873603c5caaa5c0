package io.trainbus.models;

import java.util.List;

/**
 * Where a run stands after a finished epoch: what a resumed run needs besides the network's parameters, updater
 * state and counters (which the checkpoint zip holds). The shuffle and dropout generators are seeded from the run's
 * seed and the epoch number at the start of every epoch, so the epoch count is their whole state.
 *
 * @param epochsDone finished epochs, 0 before the first
 * @param history figures of the finished epochs, in order
 * @param bestValLoss lowest validation loss so far, positive infinity before the first epoch
 * @param bestEpoch 1-based epoch of that loss, 0 before the first epoch
 * @param earlyStoppingBest best validation loss as early stopping counts it (improvements must exceed min_delta)
 * @param earlyStoppingWait epochs in a row without such an improvement
 * @param stoppedEarly true when early stopping ended the run
 */
public record TrainingState(int epochsDone, List<EpochResult> history, double bestValLoss, int bestEpoch,
        double earlyStoppingBest, int earlyStoppingWait, boolean stoppedEarly) {

    public TrainingState {
        history = List.copyOf(history);
        if (history.size() != epochsDone) {
            throw new IllegalArgumentException("Training state with " + epochsDone + " finished epochs but "
                    + history.size() + " history rows: the state is corrupt");
        }
    }

    /** Returns the state before the first epoch. */
    public static TrainingState initial() {
        return new TrainingState(0, List.of(), Double.POSITIVE_INFINITY, 0, Double.POSITIVE_INFINITY, 0, false);
    }
}
