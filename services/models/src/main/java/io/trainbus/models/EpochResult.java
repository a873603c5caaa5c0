package io.trainbus.models;

/**
 * Figures of one finished epoch.
 *
 * @param epoch 1-based epoch number
 * @param epochs epochs planned for the run
 * @param loss mean training-mode cross-entropy over the epoch's images, weights changing during the epoch
 * @param accuracy training-mode accuracy over the epoch's images, in [0, 1]
 * @param validation inference-mode score of the weights at the epoch's end on the validation split
 * @param seconds wall time of the epoch including validation
 * @param imagesPerSecond training images divided by the training time (validation excluded)
 * @param bestReplaced true when the validation loss is the lowest so far, so these weights are the new best
 * @param learningRate learning rate of the epoch's last gradient step, after schedule and decay
 */
public record EpochResult(int epoch, int epochs, double loss, double accuracy, Score validation, double seconds,
        double imagesPerSecond, boolean bestReplaced, double learningRate) {

    /** @return mean cross-entropy on the validation split */
    public double valLoss() {
        return validation.loss();
    }

    /** @return accuracy on the validation split, in [0, 1] */
    public double valAccuracy() {
        return validation.accuracy();
    }
}
