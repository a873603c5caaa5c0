package io.trainbus.models;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;

/**
 * Trains a network epoch by epoch the way Keras' {@code fit} does: the training rows are shuffled at the start of
 * every epoch, split into batches of the requested size with the last partial batch kept, and fitted one gradient
 * step per batch; the validation split is scored at the end of every epoch, in inference mode.
 *
 * <p>A run can resume from a {@link TrainingState} saved after any epoch, on a network restored from the checkpoint
 * of that epoch, and then ends with the same parameters as an uninterrupted run: each epoch seeds its shuffle with
 * {@code new Random(seed + epoch)} and ND4J's generator, which draws the dropout masks, with
 * {@link #dropoutSeed}, so nothing random carries over from one epoch to the next.
 */
public final class TrainingLoop {

    private final MultiLayerNetwork network;
    private final int batchSize;
    private final long seed;
    private EarlyStopping earlyStopping;
    private BooleanSupplier stopRequested = () -> false;
    private EpochFeatures epochFeatures;
    private int nativeThreads;
    private TrainingState state = TrainingState.initial();

    /**
     * @param network an initialised network, trained in place
     * @param batchSize images per gradient step, at least 1
     * @param seed base of the per-epoch shuffle and dropout seeds
     */
    public TrainingLoop(MultiLayerNetwork network, int batchSize, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("Invalid batch size " + batchSize + ": it must be at least 1");
        }
        this.network = network;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    /** Stops the run early with Keras' rule; without this call the run goes through every epoch. */
    public TrainingLoop withEarlyStopping(EarlyStopping rule) {
        this.earlyStopping = rule;
        return this;
    }

    /** Checks the condition before every batch and throws {@link TrainingStoppedException} once it is true. */
    public TrainingLoop withStopRequest(BooleanSupplier condition) {
        this.stopRequested = condition;
        return this;
    }

    /** Trains each epoch on the images this source returns in place of the training features given to run. */
    public TrainingLoop withEpochFeatures(EpochFeatures source) {
        this.epochFeatures = source;
        return this;
    }

    /**
     * Runs ND4J's native operations of this run with the given thread count, set on the thread that calls
     * {@link #run}; without this call the process-wide setting applies.
     */
    public TrainingLoop withNativeThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("Invalid native thread count " + threads + ": it must be at least 1");
        }
        this.nativeThreads = threads;
        return this;
    }

    /** Continues after the state's last epoch; the network must hold the parameters saved with that state. */
    public TrainingLoop resumeFrom(TrainingState saved) {
        this.state = saved;
        return this;
    }

    /** Returns the state after the last finished epoch; during the callback, after the epoch being reported. */
    public TrainingState state() {
        return state;
    }

    /** Returns the seed of ND4J's generator at the start of a 1-based epoch. */
    static long dropoutSeed(long seed, int epoch) {
        return seed * 1_000_003L + epoch;
    }

    /**
     * Runs the remaining epochs and reports each to the callback while the network contains that epoch's weights.
     *
     * @param trainFeatures training images, shape [n, d]
     * @param trainLabels one-hot training labels, shape [n, classes]
     * @param validationFeatures validation images, shape [m, d]
     * @param validationLabels one-hot validation labels, shape [m, classes]
     * @param epochs the run's epoch count, at least 1; fewer run when early stopping ends it
     * @param callback receives every epoch in order
     * @return the history (of resumed epochs too) and the best epoch
     * @throws IOException when the callback or the epoch feature source fails; the epochs after it are not run
     * @throws TrainingStoppedException when a stop was requested
     */
    public TrainingSummary run(INDArray trainFeatures, INDArray trainLabels, INDArray validationFeatures,
            INDArray validationLabels, int epochs, EpochCallback callback) throws IOException {
        Scoring.requireSameRows(trainFeatures, trainLabels);
        Scoring.requireSameRows(validationFeatures, validationLabels);
        if (epochs < 1) {
            throw new IllegalArgumentException("Invalid epoch count " + epochs + ": it must be at least 1");
        }
        if (nativeThreads > 0) {
            NativeRuntime.useThreads(nativeThreads);
        }
        TrainingFiguresListener figures = new TrainingFiguresListener();
        network.addListeners(figures);
        try {
            for (int epoch = state.epochsDone() + 1; epoch <= epochs && !state.stoppedEarly(); epoch++) {
                long started = System.nanoTime();
                figures.reset((int) trainLabels.size(1));
                double learningRate = fitEpoch(trainFeatures, trainLabels, epoch, figures);
                double trainSeconds = (System.nanoTime() - started) / 1e9;

                Score validation = Scoring.evaluate(network, validationFeatures, validationLabels, batchSize);
                boolean bestReplaced = validation.loss() < state.bestValLoss();
                double seconds = (System.nanoTime() - started) / 1e9;
                EpochResult result = new EpochResult(epoch, epochs, figures.meanLoss(), figures.accuracy(),
                        validation, seconds, figures.count() / trainSeconds, bestReplaced, learningRate);
                state = next(result);
                callback.epochCompleted(result);
            }
            return summarize();
        } finally {
            network.getListeners().remove(figures);
        }
    }

    private TrainingState next(EpochResult result) {
        List<EpochResult> history = new ArrayList<>(state.history());
        history.add(result);
        double bestValLoss = result.bestReplaced() ? result.valLoss() : state.bestValLoss();
        int bestEpoch = result.bestReplaced() ? result.epoch() : state.bestEpoch();
        if (earlyStopping == null) {
            return new TrainingState(result.epoch(), history, bestValLoss, bestEpoch, state.earlyStoppingBest(),
                    state.earlyStoppingWait(), false);
        }
        EarlyStopping.Decision decision = earlyStopping.update(state, result.valLoss());
        return new TrainingState(result.epoch(), history, bestValLoss, bestEpoch, decision.best(), decision.epochsWaited(),
                decision.stop());
    }

    /** Fits one epoch and returns the learning rate of its last step. */
    private double fitEpoch(INDArray baseFeatures, INDArray labels, int epoch, TrainingFiguresListener figures)
            throws IOException {
        INDArray features = epochFeatures == null ? baseFeatures : epochFeatures.forEpoch(epoch);
        try {
            if (features != baseFeatures && !Arrays.equals(features.shape(), baseFeatures.shape())) {
                throw new IllegalStateException("The training images of epoch " + epoch + " have shape "
                        + Arrays.toString(features.shape()) + " but the prepared split has "
                        + Arrays.toString(baseFeatures.shape()) + ": both must hold the same records");
            }
            Nd4j.getRandom().setSeed(dropoutSeed(seed, epoch));
            int[] order = shuffledRows((int) features.size(0), new Random(seed + epoch));
            // One pair of off-heap batch arrays per batch size, refilled in place: a gradient step reads its batch
            // only during fit, so the next batch may overwrite it. This saves two allocations per step.
            INDArray batchFeatures = null;
            INDArray batchLabels = null;
            for (int start = 0; start < order.length; start += batchSize) {
                if (stopRequested.getAsBoolean()) {
                    throw new TrainingStoppedException(epoch);
                }
                int[] rows = Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize));
                if (batchFeatures == null || batchFeatures.size(0) != rows.length) {
                    batchFeatures = Nd4j.create(features.dataType(), rows.length, features.size(1));
                    batchLabels = Nd4j.create(labels.dataType(), rows.length, labels.size(1));
                }
                Nd4j.pullRows(features, batchFeatures, 1, rows);
                Nd4j.pullRows(labels, batchLabels, 1, rows);
                figures.nextBatch(batchLabels);
                network.fit(new DataSet(batchFeatures, batchLabels));
            }
        } finally {
            if (features != baseFeatures) {
                features.close();
            }
        }
        // The network's epoch count is the 0-based index of the next epoch, which schedules read as Keras' epoch.
        network.setEpochCount(epoch);
        return learningRate(network.getIterationCount() - 1, epoch - 1);
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

    /** Returns the rate the first layer with an optimizer used at one step, or NaN when no layer has one. */
    private double learningRate(int iteration, int epochIndex) {
        for (Layer layer : network.getLayers()) {
            if (layer.conf().getLayer() instanceof BaseLayer base) {
                IUpdater updater = base.getIUpdater();
                if (updater != null && updater.hasLearningRate()) {
                    return updater.getLearningRate(iteration, epochIndex);
                }
            }
        }
        return Double.NaN;
    }

    private TrainingSummary summarize() {
        List<EpochResult> history = state.history();
        double seconds = history.stream().mapToDouble(EpochResult::seconds).sum();
        double imagesPerSecond = history.stream().mapToDouble(EpochResult::imagesPerSecond).average().orElse(0);
        return new TrainingSummary(history, state.bestEpoch(), state.bestValLoss(), seconds, imagesPerSecond,
                state.stoppedEarly());
    }
}
