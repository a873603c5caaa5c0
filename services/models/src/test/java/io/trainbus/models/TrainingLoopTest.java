package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class TrainingLoopTest {

    private static final int TRAIN = 256;
    private static final int VALIDATION = 64;

    @Test
    void lossDecreasesAndEpochsArriveInOrder() throws IOException {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 42));
        Data train = learnableData(TRAIN, 1);
        Data validation = learnableData(VALIDATION, 2);
        List<EpochResult> received = new ArrayList<>();

        TrainingSummary summary = new TrainingLoop(net, 32, 42)
                .run(train.features, train.labels, validation.features, validation.labels, 2, received::add);

        assertThat(received).extracting(EpochResult::epoch).containsExactly(1, 2);
        assertThat(received).extracting(EpochResult::epochs).containsExactly(2, 2);
        assertThat(received.get(1).loss()).isLessThan(received.get(0).loss());
        assertThat(received.get(0).bestReplaced()).isTrue();
        assertThat(received.get(1).bestReplaced()).isEqualTo(received.get(1).valLoss() < received.get(0).valLoss());
        assertThat(received).allSatisfy(epoch -> {
            assertThat(epoch.validation().count()).isEqualTo(VALIDATION);
            assertThat(epoch.accuracy()).isBetween(0.0, 1.0);
            assertThat(epoch.imagesPerSecond()).isPositive();
            assertThat(epoch.seconds()).isPositive();
            assertThat(epoch.learningRate()).isEqualTo(0.001);
        });
        assertThat(summary.history()).isEqualTo(received);
        assertThat(summary.epochsRun()).isEqualTo(2);
        int expectedBest = received.get(1).bestReplaced() ? 2 : 1;
        assertThat(summary.bestEpoch()).isEqualTo(expectedBest);
        assertThat(summary.bestValLoss()).isEqualTo(received.get(expectedBest - 1).valLoss());
    }

    @Test
    void trainingLossMatchesDl4jBatchScores() throws IOException {
        // A small learning rate and dim images keep every probability far above 1e-7, where Deeplearning4j's
        // clipping at 1e-10 and the Keras clipping used here give the same loss.
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 21).toBuilder()
                .setOptimizer(Requests.of("mlp", 21).getOptimizer().toBuilder().setLearningRate(1e-5))
                .build());
        Data bright = learnableData(TRAIN, 3);
        Data train = new Data(bright.features.mul(0.1), bright.labels);
        List<Double> batchScores = new ArrayList<>();
        net.addListeners(new BaseTrainingListener() {
            @Override
            public void iterationDone(Model model, int iteration, int epoch) {
                batchScores.add(model.score());
            }
        });
        List<EpochResult> received = new ArrayList<>();

        new TrainingLoop(net, 32, 21).run(train.features, train.labels, train.features, train.labels, 1,
                received::add);

        // Deeplearning4j scores each batch from the same training-mode forward pass (same dropout masks), so the
        // epoch loss must equal the mean of its 8 equal-sized batch scores.
        double meanScore = batchScores.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(batchScores).hasSize(TRAIN / 32);
        assertThat(received.get(0).loss()).isCloseTo(meanScore, within(1e-4));
    }

    @Test
    void bestFlagFollowsLowestValidationLoss() throws IOException {
        // The validation labels are the training labels shifted by one class, so the better the network learns
        // the training split, the worse its validation loss gets, and later epochs do not replace the best.
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 3));
        Data train = learnableData(64, 5);
        INDArray shiftedLabels = Nd4j.concat(1,
                train.labels.get(NDArrayIndex.all(), NDArrayIndex.interval(1, 10)),
                train.labels.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 1)));
        List<EpochResult> received = new ArrayList<>();

        new TrainingLoop(net, 16, 3).run(train.features, train.labels, train.features, shiftedLabels, 4,
                received::add);

        double lowest = Double.POSITIVE_INFINITY;
        for (EpochResult epoch : received) {
            assertThat(epoch.bestReplaced()).as("best flag of epoch %d", epoch.epoch())
                    .isEqualTo(epoch.valLoss() < lowest);
            lowest = Math.min(lowest, epoch.valLoss());
        }
        assertThat(received).extracting(EpochResult::bestReplaced).contains(false);
    }

    @Test
    void lastPartialBatchIsTrained() throws IOException {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 8));
        Data train = learnableData(70, 7);
        List<EpochResult> received = new ArrayList<>();

        new TrainingLoop(net, 32, 8).run(train.features, train.labels, train.features, train.labels, 1,
                received::add);

        // 70 images in batches of 32: two full steps and one of 6.
        assertThat(net.getIterationCount()).isEqualTo(3);
    }

    @Test
    void shuffleIsSeededPermutation() {
        int[] first = TrainingLoop.shuffledRows(100, new Random(43));
        int[] again = TrainingLoop.shuffledRows(100, new Random(43));
        int[] next = TrainingLoop.shuffledRows(100, new Random(44));

        assertThat(first).isEqualTo(again);
        assertThat(first).isNotEqualTo(next);
        assertThat(Arrays.stream(first).sorted().toArray()).isEqualTo(java.util.stream.IntStream.range(0, 100)
                .toArray());
    }

    @Test
    void callbackFailureStopsTheRun() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 8));
        Data train = learnableData(32, 9);
        List<Integer> epochs = new ArrayList<>();

        assertThatThrownBy(() -> new TrainingLoop(net, 32, 8).run(train.features, train.labels, train.features,
                train.labels, 3, result -> {
                    epochs.add(result.epoch());
                    throw new IOException("disk full");
                }))
                .isInstanceOf(IOException.class)
                .hasMessage("disk full");
        assertThat(epochs).containsExactly(1);
        assertThat(net.getListeners()).isEmpty();
    }

    @Test
    void invalidArgumentsAreRejected() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 8));
        Data train = learnableData(32, 9);

        assertThatThrownBy(() -> new TrainingLoop(net, 0, 1))
                .hasMessageContaining("Invalid batch size 0");
        assertThatThrownBy(() -> new TrainingLoop(net, 32, 1).run(train.features, train.labels, train.features,
                train.labels, 0, result -> { }))
                .hasMessageContaining("Invalid epoch count 0");
        assertThatThrownBy(() -> new TrainingLoop(net, 32, 1).run(train.features, Nd4j.zeros(31, 10),
                train.features, train.labels, 1, result -> { }))
                .hasMessageContaining("32 feature rows but 31 label rows");
    }

    private record Data(INDArray features, INDArray labels) {
    }

    /** Builds random images with a brighter band of 300 values at a class-specific position, so they are learnable. */
    private static Data learnableData(int rows, long seed) {
        Random random = new Random(seed);
        float[][] features = new float[rows][3072];
        INDArray labels = Nd4j.zeros(rows, 10);
        for (int row = 0; row < rows; row++) {
            int label = random.nextInt(10);
            labels.putScalar(row, label, 1.0);
            for (int i = 0; i < 3072; i++) {
                features[row][i] = random.nextFloat() * 0.5f;
            }
            for (int i = label * 300; i < label * 300 + 300; i++) {
                features[row][i] += 0.5f;
            }
        }
        return new Data(Nd4j.create(features), labels);
    }
}
