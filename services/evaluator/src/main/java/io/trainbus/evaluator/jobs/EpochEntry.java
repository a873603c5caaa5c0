package io.trainbus.evaluator.jobs;

import io.trainbus.proto.v1.EpochCompleted;

/**
 * One epoch of a job as {@code EpochCompleted} reported it.
 *
 * @param epoch 1-based epoch number
 * @param epochs epochs planned
 * @param loss mean training loss
 * @param accuracy training accuracy, in [0, 1]
 * @param valLoss validation loss at the epoch's end
 * @param valAccuracy validation accuracy at the epoch's end, in [0, 1]
 * @param seconds wall time of the epoch, validation included
 * @param imagesPerSecond training images per second
 * @param learningRate learning rate during the epoch
 * @param bestReplaced true when this epoch's weights became the best checkpoint
 */
public record EpochEntry(int epoch, int epochs, double loss, double accuracy, double valLoss, double valAccuracy,
        double seconds, double imagesPerSecond, double learningRate, boolean bestReplaced) {

    static EpochEntry of(EpochCompleted event) {
        return new EpochEntry(event.getEpoch(), event.getEpochs(), event.getLoss(), event.getAccuracy(),
                event.getValLoss(), event.getValAccuracy(), event.getSeconds(), event.getImagesPerSecond(),
                event.getLearningRate(), event.getBestReplaced());
    }
}
