package io.trainbus.models;

import java.util.List;

/**
 * Figures of a finished training run.
 *
 * @param history every epoch in order
 * @param bestEpoch 1-based epoch with the lowest validation loss
 * @param bestValLoss that epoch's validation loss
 * @param trainingSeconds sum of the epochs' wall times
 * @param imagesPerSecond mean of the epochs' training images per second
 * @param stoppedEarly true when early stopping ended the run before its last epoch
 */
public record TrainingSummary(List<EpochResult> history, int bestEpoch, double bestValLoss, double trainingSeconds,
        double imagesPerSecond, boolean stoppedEarly) {

    /** @return number of epochs run */
    public int epochsRun() {
        return history.size();
    }
}
