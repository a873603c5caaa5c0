package io.trainbus.models;

/**
 * Figures of a model on a set of labelled images.
 *
 * @param loss mean categorical cross-entropy, with probabilities clipped to [1e-7, 1 - 1e-7] as Keras does
 * @param accuracy fraction of images whose most probable class is the label, in [0, 1]
 * @param count number of images scored
 * @param confusion counts indexed [actual class][predicted class]
 */
public record Score(double loss, double accuracy, int count, int[][] confusion) {
}
