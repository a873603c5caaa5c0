package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.RmsProp;

class ReferenceModelsTest {

    @Test
    void mlpHasKerasParameterCount() {
        assertThat(ReferenceModels.build(Requests.of("mlp", 1)).numParams()).isEqualTo(3_590_642L);
    }

    @Test
    void cnnHasKerasParameterCount() {
        assertThat(ReferenceModels.build(Requests.of("cnn", 1)).numParams()).isEqualTo(528_054L);
    }

    @Test
    void mlpLayerOutputShapes() {
        List<INDArray> activations = ReferenceModels.build(Requests.of("mlp", 1))
                .feedForward(Nd4j.rand(2, 3072), false);

        assertThat(shapes(activations)).containsExactly(
                "[2, 3072]", "[2, 1000]", "[2, 1000]", "[2, 512]", "[2, 512]", "[2, 10]");
    }

    @Test
    void cnnLayerOutputShapes() {
        List<INDArray> activations = ReferenceModels.build(Requests.of("cnn", 1))
                .feedForward(Nd4j.rand(2, 3072), false);

        assertThat(shapes(activations)).containsExactly(
                "[2, 3072]",
                "[2, 16, 32, 32]", "[2, 16, 16, 16]",
                "[2, 32, 16, 16]", "[2, 32, 8, 8]",
                "[2, 64, 8, 8]", "[2, 64, 4, 4]",
                "[2, 64, 4, 4]", "[2, 500]", "[2, 500]", "[2, 10]");
    }

    @Test
    void outputRowsAreProbabilities() {
        INDArray output = ReferenceModels.build(Requests.of("cnn", 1)).output(Nd4j.rand(4, 3072), false);

        for (double rowSum : output.sum(1).toDoubleVector()) {
            assertThat(rowSum).isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void dropoutRetainProbabilityIsOneMinusKerasRate() {
        assertThat(retainProbabilities(ReferenceModels.build(Requests.of("mlp", 1)))).containsExactly(0.8, 0.8);
        assertThat(retainProbabilities(ReferenceModels.build(Requests.of("cnn", 1)))).containsExactly(0.7, 0.6);
    }

    @Test
    void dropoutLayerDropsKerasRateAndScalesSurvivors() {
        MultiLayerNetwork mlp = ReferenceModels.build(Requests.of("mlp", 7));
        Layer dropout = mlp.getLayer(1);
        INDArray ones = Nd4j.ones(200, 1000);

        INDArray trained = dropout.activate(ones.dup(), true, LayerWorkspaceMgr.noWorkspaces());

        double[] values = trained.data().asDouble();
        long zeros = Arrays.stream(values).filter(v -> v == 0).count();
        double zeroFraction = (double) zeros / values.length;
        assertThat(zeroFraction).isCloseTo(0.2, within(0.01));
        double[] survivors = Arrays.stream(values).filter(v -> v != 0).toArray();
        assertThat(survivors.length).isEqualTo(values.length - zeros);
        assertThat(Arrays.stream(survivors).min().orElseThrow()).isCloseTo(1 / 0.8, within(1e-6));
        assertThat(Arrays.stream(survivors).max().orElseThrow()).isCloseTo(1 / 0.8, within(1e-6));
    }

    @Test
    void dropoutLayerPassesInputInInference() {
        Layer dropout = ReferenceModels.build(Requests.of("mlp", 7)).getLayer(1);

        INDArray inferred = dropout.activate(Nd4j.ones(10, 1000), false, LayerWorkspaceMgr.noWorkspaces());

        assertThat(inferred.minNumber().doubleValue()).isEqualTo(1.0);
        assertThat(inferred.maxNumber().doubleValue()).isEqualTo(1.0);
    }

    @Test
    void optimizerUsesRequestedRmsPropParameters() {
        TrainingRequest request = Requests.of("mlp", 1).toBuilder()
                .setOptimizer(OptimizerSpec.newBuilder().setName("rmsprop").setLearningRate(0.01).setRho(0.8)
                        .setEpsilon(1e-6))
                .build();
        MultiLayerNetwork net = ReferenceModels.build(request);

        RmsProp rmsProp = (RmsProp) net.getLayerWiseConfigurations().getConf(0).getLayer().getUpdaterByParam("W");
        assertThat(rmsProp.getLearningRate()).isEqualTo(0.01);
        assertThat(rmsProp.getRmsDecay()).isEqualTo(0.8);
        assertThat(rmsProp.getEpsilon()).isEqualTo(1e-6);
    }

    @Test
    void sameSeedGivesSameWeights() {
        INDArray first = ReferenceModels.build(Requests.of("cnn", 5)).params();
        INDArray second = ReferenceModels.build(Requests.of("cnn", 5)).params();
        INDArray other = ReferenceModels.build(Requests.of("cnn", 6)).params();

        assertThat(first).isEqualTo(second);
        assertThat(first).isNotEqualTo(other);
    }

    @Test
    void weightsAreGlorotUniformAndBiasesZero() {
        MultiLayerNetwork mlp = ReferenceModels.build(Requests.of("mlp", 3));
        INDArray weights = mlp.getLayer(0).getParam("W");
        // Glorot uniform draws from [-limit, limit]; the float32 weights may round just past the double limit.
        double limit = (float) Math.sqrt(6.0 / (3072 + 1000));

        assertThat(weights.maxNumber().doubleValue()).isLessThanOrEqualTo(limit).isGreaterThan(0.95 * limit);
        assertThat(weights.minNumber().doubleValue()).isGreaterThanOrEqualTo(-limit).isLessThan(-0.95 * limit);
        assertThat(mlp.getLayer(0).getParam("b").sumNumber().doubleValue()).isZero();
    }

    @Test
    void unknownModelIsRejectedWithTheChoices() {
        assertThatThrownBy(() -> ReferenceModels.build(Requests.of("resnet", 1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'resnet'")
                .hasMessageContaining("mlp, cnn");
    }

    @Test
    void requestWithoutDefaultsIsRejected() {
        TrainingRequest bare = TrainingRequest.newBuilder().setJobId("j1").setModel("mlp").setSeed(1).build();

        assertThatThrownBy(() -> ReferenceModels.build(bare))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("request defaults");
    }

    @Test
    void unsupportedOptimizerIsRejected() {
        TrainingRequest adagrad = Requests.of("mlp", 1).toBuilder()
                .setOptimizer(Requests.of("mlp", 1).getOptimizer().toBuilder().setName("adagrad"))
                .build();

        assertThatThrownBy(() -> ReferenceModels.build(adagrad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'adagrad'");
    }

    private static List<String> shapes(List<INDArray> activations) {
        return activations.stream().map(a -> Arrays.toString(a.shape())).toList();
    }

    private static List<Double> retainProbabilities(MultiLayerNetwork net) {
        return Arrays.stream(net.getLayers())
                .map(layer -> layer.conf().getLayer().getIDropout())
                .filter(d -> d != null)
                .map(ReferenceModelsTest::retainProbability)
                .toList();
    }

    private static double retainProbability(IDropout dropout) {
        assertThat(dropout).isInstanceOf(Dropout.class);
        return ((Dropout) dropout).getP();
    }
}
