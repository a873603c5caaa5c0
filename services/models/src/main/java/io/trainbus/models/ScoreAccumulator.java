package io.trainbus.models;

import java.util.Arrays;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Running sums of cross-entropy, correct predictions and the confusion matrix over batches of predictions. */
final class ScoreAccumulator {

    /** Keras' {@code backend.epsilon()}: probabilities are clipped to [EPSILON, 1 - EPSILON] before the log. */
    static final double EPSILON = 1e-7;

    private final int classes;
    private final int[][] confusion;
    private double lossSum;
    private long correct;
    private int count;

    ScoreAccumulator(int classes) {
        this.classes = classes;
        this.confusion = new int[classes][classes];
    }

    /**
     * Adds one batch.
     *
     * @param probabilities predicted class probabilities, shape [n, classes]
     * @param labels one-hot labels, shape [n, classes]
     */
    void add(INDArray probabilities, INDArray labels) {
        if (!Arrays.equals(probabilities.shape(), labels.shape()) || probabilities.rank() != 2
                || probabilities.size(1) != classes) {
            throw new IllegalArgumentException("Predictions of shape " + Arrays.toString(probabilities.shape())
                    + " do not match labels of shape " + Arrays.toString(labels.shape()) + ": expected [n, "
                    + classes + "] for both");
        }
        INDArray clipped = Transforms.min(Transforms.max(probabilities, EPSILON, true), 1 - EPSILON, false);
        lossSum -= Transforms.log(clipped, false).muli(labels).sumNumber().doubleValue();

        long[] predicted = Nd4j.argMax(probabilities, 1).toLongVector();
        long[] actual = Nd4j.argMax(labels, 1).toLongVector();
        for (int i = 0; i < predicted.length; i++) {
            confusion[(int) actual[i]][(int) predicted[i]]++;
            if (predicted[i] == actual[i]) {
                correct++;
            }
        }
        count += predicted.length;
    }

    double meanLoss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    int count() {
        return count;
    }

    Score toScore() {
        int[][] copy = new int[classes][];
        for (int i = 0; i < classes; i++) {
            copy[i] = confusion[i].clone();
        }
        return new Score(meanLoss(), accuracy(), count, copy);
    }
}
