package io.trainbus.models;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains a network epoch by epoch the way Keras' {@code fit} does: the training rows are shuffled at the start of
 * every epoch, split into batches of the requested size with the last partial batch kept, and fitted one gradient
 * step per batch; the validation split is scored at the end of every epoch.
 */
public final class TrainingLoop {

    private final MultiLayerNetwork network;
    private final int batchSize;
    private final long seed;

    /**
     * @param network an initialised network, trained in place
     * @param batchSize images per gradient step, at least 1
     * @param seed base of the shuffle: epoch e (1-based) shuffles with {@code new Random(seed + e)}
     */
    public TrainingLoop(MultiLayerNetwork network, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size " + batchSize + ": it must be at least 1");
        }
        this.network = network;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /**
     * Runs the epochs and reports each to the callback while the network holds that epoch's weights.
     *
     * @param trainFeatures training images, shape [n, d]
     * @param trainLabels one-hot training labels, shape [n, classes]
     * @param validationFeatures validation images, shape [m, d]
     * @param validationLabels one-hot validation labels, shape [m, classes]
     * @param epochs number of passes over the training rows, at least 1
     * @param callback receives every epoch in order
     * @return the history and the best epoch
     * @throws IOException when the callback fails; the epochs after it are not run
     */
    public TrainingSummary run(INDArray trainFeatures, INDArray trainLabels, INDArray validationFeatures,
            INDArray validationLabels, int epochs, EpochCallback callback) throws IOException {
        Scoring.requireSameRows(trainFeatures, trainLabels);
        Scoring.requireSameRows(validationFeatures, validationLabels);
        if (epochs < 1) {
            throw new IllegalArgumentException("Invalid epoch count " + epochs + ": it must be at least 1");
        }
        TrainingFiguresListener figures = new TrainingFiguresListener();
        network.addListeners(figures);
        try {
            List<EpochResult> history = new ArrayList<>();
            double bestValLoss = Double.POSITIVE_INFINITY;
            int bestEpoch = 0;
            for (int epoch = 1; epoch <= epochs; epoch++) {
                long started = System.nanoTime();
                figures.reset((int) trainLabels.size(1));
                fitEpoch(trainFeatures, trainLabels, epoch, figures);
                double trainSeconds = (System.nanoTime() - started) / 1e9;

                Score validation = Scoring.evaluate(network, validationFeatures, validationLabels, batchSize);
                boolean bestReplaced = validation.loss() < bestValLoss;
                if (bestReplaced) {
                    bestValLoss = validation.loss();
                    bestEpoch = epoch;
                }
                double seconds = (System.nanoTime() - started) / 1e9;
                EpochResult result = new EpochResult(epoch, epochs, figures.meanLoss(), figures.accuracy(),
                        validation, seconds, figures.count() / trainSeconds, bestReplaced, learningRate());
                history.add(result);
                callback.epochCompleted(result);
            }
            return summarize(history, bestEpoch, bestValLoss);
        } finally {
            network.getListeners().remove(figures);
        }
    }

    private void fitEpoch(INDArray features, INDArray labels, int epoch, TrainingFiguresListener figures) {
        int[] order = shuffledRows((int) features.size(0), new Random(seed + epoch));
        for (int start = 0; start < order.length; start += batchSize) {
            int[] rows = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
            INDArray batchLabels = Nd4j.pullRows(labels, 1, rows);
            figures.nextBatch(batchLabels);
            network.fit(new DataSet(Nd4j.pullRows(features, 1, rows), batchLabels));
        }
        network.setEpochCount(epoch);
    }

    /** Fisher-Yates shuffle of 0..rows-1. */
    static int[] shuffledRows(int rows, Random random) {
        int[] order = new int[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        for (int i = rows - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }

    private double learningRate() {
        Double rate = network.getLearningRate(0);
        return rate == null ? Double.NaN : rate;
    }

    private static TrainingSummary summarize(List<EpochResult> history, int bestEpoch, double bestValLoss) {
        double seconds = history.stream().mapToDouble(EpochResult::seconds).sum();
        double imagesPerSecond = history.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(0);
        return new TrainingSummary(List.copyOf(history), bestEpoch, bestValLoss, seconds, imagesPerSecond);
    }
}
