package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ScoringTest {

    @Test
    void scoreOfHandMadeProbabilities() {
        // Row 0: class 0 at 0.7, correct. Row 1: class 1 at 0.4 but class 2 at 0.5, wrong.
        // Row 2: class 9 at 0.91, correct. Row 3: label 3 at probability 0, clipped to 1e-7, wrong (predicts 4).
        INDArray probabilities = Nd4j.zeros(4, 10);
        probabilities.putRow(0, row(0.7, 0.1, 0.1, 0.1, 0, 0, 0, 0, 0, 0));
        probabilities.putRow(1, row(0.1, 0.4, 0.5, 0, 0, 0, 0, 0, 0, 0));
        probabilities.putRow(2, row(0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.91));
        probabilities.putRow(3, row(0, 0, 0, 0, 1, 0, 0, 0, 0, 0));
        INDArray labels = oneHot(0, 1, 9, 3);

        Score score = Scoring.score(probabilities, labels);

        double expectedLoss = (-Math.log(0.7) - Math.log(0.4) - Math.log(0.91) - Math.log(1e-7)) / 4;
        assertThat(score.loss()).isCloseTo(expectedLoss, within(1e-5));
        assertThat(score.accuracy()).isEqualTo(0.5);
        assertThat(score.count()).isEqualTo(4);
        assertThat(score.confusion()[0][0]).isEqualTo(1);
        assertThat(score.confusion()[1][2]).isEqualTo(1);
        assertThat(score.confusion()[9][9]).isEqualTo(1);
        assertThat(score.confusion()[3][4]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(score.confusion()).flatMapToInt(java.util.Arrays::stream).sum())
                .isEqualTo(4);
    }

    @Test
    void certainCorrectPredictionCostsClippedEpsilon() {
        Score score = Scoring.score(row(0, 0, 0, 0, 0, 1, 0, 0, 0, 0), oneHot(5));

        assertThat(score.loss()).isCloseTo(-Math.log(1 - 1e-7), within(1e-7));
        assertThat(score.accuracy()).isEqualTo(1.0);
    }

    @Test
    void evaluateIsIndependentOfBatchSize() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 4));
        Nd4j.getRandom().setSeed(9);
        INDArray features = Nd4j.rand(50, 3072);
        INDArray labels = cyclingOneHot(Nd4j.getRandom().nextInt(10), 50);

        Score whole = Scoring.evaluate(net, features, labels, 64);
        Score batched = Scoring.evaluate(net, features, labels, 7);
        Score direct = Scoring.score(net.output(features, false), labels);

        assertThat(batched.count()).isEqualTo(50);
        assertThat(batched.loss()).isCloseTo(whole.loss(), within(1e-5));
        assertThat(batched.accuracy()).isEqualTo(whole.accuracy());
        assertThat(batched.confusion()).isDeepEqualTo(whole.confusion());
        assertThat(direct.loss()).isCloseTo(whole.loss(), within(1e-5));
    }

    @Test
    void evaluateUsesInferenceMode() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 4));
        INDArray features = Nd4j.rand(20, 3072);
        INDArray labels = cyclingOneHot(3, 20);

        Score first = Scoring.evaluate(net, features, labels, 8);
        Score second = Scoring.evaluate(net, features, labels, 8);

        assertThat(second.loss()).isEqualTo(first.loss());
    }

    @Test
    void mismatchedRowCountsAreRejected() {
        assertThatThrownBy(() -> Scoring.score(Nd4j.zeros(3, 10), Nd4j.zeros(2, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3 feature rows but 2 label rows");
    }

    private static INDArray row(double... values) {
        return Nd4j.createFromArray(values).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(1, 10);
    }

    /** One-hot rows for the given classes. */
    private static INDArray oneHot(int... classes) {
        INDArray labels = Nd4j.zeros(classes.length, 10);
        for (int i = 0; i < classes.length; i++) {
            labels.putScalar(i, classes[i], 1.0);
        }
        return labels;
    }

    /** {@code rows} one-hot rows cycling through the classes from {@code first}. */
    private static INDArray cyclingOneHot(int first, int rows) {
        int[] classes = new int[rows];
        for (int i = 0; i < rows; i++) {
            classes[i] = (first + i) % 10;
        }
        return oneHot(classes);
    }
}
