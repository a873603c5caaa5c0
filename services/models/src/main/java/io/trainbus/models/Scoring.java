package io.trainbus.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Scores a network on labelled images the way Keras' {@code evaluate} does, always in inference mode. */
public final class Scoring {

    private Scoring() {
    }

    /**
     * Scores a network batch by batch, so memory stays bounded by one batch of activations.
     *
     * @param net the network; its weights are not changed
     * @param features images, shape [n, pixels per image] as the network takes them
     * @param labels one-hot labels, shape [n, classes]
     * @param batchSize images per forward pass, at least 1
     * @return loss, accuracy, count and confusion matrix over all n images
     * @throws IllegalArgumentException when the row counts differ, n is 0 or the batch size is below 1
     */
    public static Score evaluate(MultiLayerNetwork net, INDArray features, INDArray labels, int batchSize) {
        requireSameRows(features, labels);
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size " + batchSize + ": it must be at least 1");
        }
        long rows = features.size(0);
        ScoreAccumulator accumulator = new ScoreAccumulator((int) labels.size(1));
        for (long start = 0; start < rows; start += batchSize) {
            long end = Math.min(rows, start + batchSize);
            INDArray batchFeatures = features.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            INDArray batchLabels = labels.get(NDArrayIndex.interval(start, end), NDArrayIndex.all());
            accumulator.add(net.output(batchFeatures, false), batchLabels);
        }
        return accumulator.toScore();
    }

    /**
     * Scores predictions that were already computed.
     *
     * @param probabilities predicted class probabilities, shape [n, classes]
     * @param labels one-hot labels of the same shape
     * @return loss, accuracy, count and confusion matrix
     */
    public static Score score(INDArray probabilities, INDArray labels) {
        requireSameRows(probabilities, labels);
        ScoreAccumulator accumulator = new ScoreAccumulator((int) labels.size(1));
        accumulator.add(probabilities, labels);
        return accumulator.toScore();
    }

    static void requireSameRows(INDArray features, INDArray labels) {
        if (features.rank() != 2 || labels.rank() != 2) {
            throw new IllegalArgumentException("Expected matrices [n, d], found ranks " + features.rank() + " and "
                    + labels.rank());
        }
        if (features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException(features.size(0) + " feature rows but " + labels.size(0)
                    + " label rows: both tensors must come from the same split");
        }
        if (features.size(0) == 0) {
            throw new IllegalArgumentException("No images to score or train on: the split is empty");
        }
    }
}
