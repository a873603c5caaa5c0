package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainbus.proto.v1.OptimizerSpec;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Checks Deeplearning4j's RMSprop step against Keras' formula computed by hand in double precision:
 * {@code v = rho * v + (1 - rho) * g^2; w -= lr * g / (sqrt(v) + eps)} with v starting at zero.
 */
class KerasRmsPropTest {

    private static final double LEARNING_RATE = 0.001;
    private static final double RHO = 0.9;
    private static final double EPSILON = 1e-7;

    @Test
    void twoStepsMatchKerasFormula() {
        MultiLayerNetwork net = smallNetwork();
        DataSet batch = batch();
        double[] v = new double[(int) net.numParams()];

        for (int step = 1; step <= 2; step++) {
            double[] before = net.params().toDoubleVector();
            double[] gradient = gradient(net, batch);

            net.fit(batch);

            double[] after = net.params().toDoubleVector();
            for (int i = 0; i < v.length; i++) {
                v[i] = RHO * v[i] + (1 - RHO) * gradient[i] * gradient[i];
                double expected = before[i] - LEARNING_RATE * gradient[i] / (Math.sqrt(v[i]) + EPSILON);
                assertThat(after[i]).as("parameter %d after step %d", i, step).isCloseTo(expected, within(1e-9));
            }
        }
    }

    @Test
    void stateStartsAtZeroAsInKeras() {
        MultiLayerNetwork net = smallNetwork();

        INDArray state = net.getUpdater().getStateViewArray();

        assertThat(state.length()).isEqualTo(net.numParams());
        assertThat(state.amaxNumber().doubleValue()).isZero();
    }

    @Test
    void firstStepSizeMatchesKeras() {
        MultiLayerNetwork net = smallNetwork();
        DataSet batch = batch();
        double[] before = net.params().toDoubleVector();
        double[] gradient = gradient(net, batch);

        net.fit(batch);

        // With v = (1 - rho) g^2 the first step is lr / sqrt(1 - rho) = 0.00316 for every weight whose gradient
        // is well above eps. Deeplearning4j's own initial state of eps would shrink the steps of small gradients.
        double[] after = net.params().toDoubleVector();
        double expectedStep = LEARNING_RATE / Math.sqrt(1 - RHO);
        for (int i = 0; i < before.length; i++) {
            if (Math.abs(gradient[i]) > 1e-4) {
                assertThat(Math.abs(before[i] - after[i])).as("step of parameter %d", i)
                        .isCloseTo(expectedStep, within(1e-5));
            }
        }
    }

    /** Builds a network without dropout, so the gradient computed before a step equals the one the step uses. */
    private static MultiLayerNetwork smallNetwork() {
        OptimizerSpec spec = OptimizerSpec.newBuilder()
                .setName("rmsprop").setLearningRate(LEARNING_RATE).setRho(RHO).setEpsilon(EPSILON).build();
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(11)
                .dataType(DataType.DOUBLE)
                .updater(KerasRmsProp.fromSpec(spec))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .list()
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        KerasRmsProp.resetState(net);
        return net;
    }

    private static DataSet batch() {
        Nd4j.getRandom().setSeed(3);
        INDArray features = Nd4j.rand(DataType.DOUBLE, 8, 6);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, 8, 3);
        for (int row = 0; row < 8; row++) {
            labels.putScalar(row, row % 3, 1.0);
        }
        return new DataSet(features, labels);
    }

    /**
     * Returns the gradient of the batch's mean loss, the gradient Keras feeds RMSprop. Deeplearning4j's
     * {@code gradient()} is the sum over the batch's examples and its updater divides by the batch size first.
     */
    private static double[] gradient(MultiLayerNetwork net, DataSet batch) {
        net.setInput(batch.getFeatures());
        net.setLabels(batch.getLabels());
        net.computeGradientAndScore();
        return net.gradient().gradient().div(batch.numExamples()).toDoubleVector();
    }
}
