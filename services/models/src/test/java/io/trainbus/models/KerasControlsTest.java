package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.trainbus.proto.v1.LayerSpec;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class KerasControlsTest {

    @Test
    void scheduleStepsFollowZeroBasedEpochAndDecay() {
        KerasLearningRate rate = (KerasLearningRate) Optimizers.schedule(Requests.optimizedCnn(1).getOptimizer(),
                Requests.optimizedCnn(1).getLearningRateSchedule());

        assertThat(rate.valueAt(0, 0)).isEqualTo(0.001);
        assertThat(rate.scheduledRate(50)).isEqualTo(0.001);
        assertThat(rate.scheduledRate(51)).isEqualTo(0.0007);
        assertThat(rate.scheduledRate(101)).isEqualTo(0.0005);
        assertThat(rate.scheduledRate(136)).isEqualTo(0.0003);
        assertThat(rate.scheduledRate(176)).isEqualTo(0.0001);
        assertThat(rate.scheduledRate(249)).isEqualTo(0.0001);
        assertThat(rate.valueAt(703, 1)).isCloseTo(0.001 / (1 + 1e-6 * 703), within(1e-15));
        assertThat(rate.valueAt(703 * 60, 60)).isCloseTo(0.0007 / (1 + 1e-6 * 703 * 60), within(1e-15));
    }

    @Test
    void constantRateWithoutScheduleOrDecay() {
        assertThat(Optimizers.schedule(Requests.of("cnn", 1).getOptimizer(),
                Requests.of("cnn", 1).getLearningRateSchedule())).isNull();
    }

    /** Keras' l2(x) adds x * sum(w^2) to the loss, so one plain SGD step must add lr * 2x * w to the change. */
    @Test
    void l2PenaltyGradientIsTwiceKerasFactor() {
        double factor = 0.01;
        double rate = 0.1;
        MultiLayerNetwork plain = ReferenceModels.build(denseRequest(0, rate));
        MultiLayerNetwork penalised = ReferenceModels.build(denseRequest(factor, rate));
        INDArray before = penalised.getLayer(0).getParam("W").dup();
        assertThat(plain.getLayer(0).getParam("W").equalsWithEps(before, 0)).isTrue();
        DataSet batch = new DataSet(Nd4j.rand(4, Requests.CIFAR_FEATURES), Nd4j.eye(10).getRows(0, 1, 2, 3));

        plain.fit(batch);
        penalised.fit(batch);

        INDArray difference = penalised.getLayer(0).getParam("W").sub(plain.getLayer(0).getParam("W"));
        INDArray expected = before.mul(-rate * 2 * factor);
        assertThat(difference.sub(expected).amaxNumber().doubleValue()).isLessThan(1e-6);
    }

    @Test
    void sgdMomentumFollowsKeras() {
        MultiLayerNetwork net = ReferenceModels.build(denseRequest(0, 0.1).toBuilder()
                .setOptimizer(OptimizerSpec.newBuilder().setName("sgd").setLearningRate(0.1).setMomentum(0.5)
                        .setDecay(0))
                .build());
        MultiLayerNetwork reference = ReferenceModels.build(denseRequest(0, 0.1));
        DataSet batch = new DataSet(Nd4j.rand(4, Requests.CIFAR_FEATURES), Nd4j.eye(10).getRows(0, 1, 2, 3));
        INDArray start = net.params().dup();

        net.fit(batch);
        INDArray firstStep = net.params().sub(start);
        reference.fit(batch);
        INDArray plainStep = reference.params().sub(start);

        assertThat(firstStep.sub(plainStep).amaxNumber().doubleValue())
                .as("the first momentum step equals a plain SGD step, because v starts at 0").isLessThan(1e-6);
    }

    @Test
    void adamBuildsWithKerasParameters() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 1).toBuilder()
                .setOptimizer(OptimizerSpec.newBuilder().setName("adam").setLearningRate(0.001).setBeta1(0.9)
                        .setBeta2(0.999).setEpsilon(1e-7))
                .build());

        assertThat(net.getLearningRate(0)).isEqualTo(0.001);
        assertThat(net.getUpdater().getStateViewArray().sumNumber().doubleValue()).isZero();
    }

    @Test
    void earlyStoppingWaitsPatienceEpochsWithoutRealImprovement() {
        EarlyStopping rule = new EarlyStopping(0.001, 2);
        TrainingState state = TrainingState.initial();

        EarlyStopping.Decision first = rule.update(state, 1.0);
        TrainingState afterFirst = new TrainingState(0, java.util.List.of(), 1.0, 1, first.best(),
                first.epochsWaited(), first.stop());
        EarlyStopping.Decision tiny = rule.update(afterFirst, 0.9995);
        TrainingState afterTiny = new TrainingState(0, java.util.List.of(), 0.9995, 2, tiny.best(),
                tiny.epochsWaited(), tiny.stop());
        EarlyStopping.Decision second = rule.update(afterTiny, 0.9992);

        assertThat(first.best()).isEqualTo(1.0);
        assertThat(first.stop()).isFalse();
        assertThat(tiny.best()).as("a gain of 0.0005 is below min_delta").isEqualTo(1.0);
        assertThat(tiny.epochsWaited()).isEqualTo(1);
        assertThat(second.epochsWaited()).isEqualTo(2);
        assertThat(second.stop()).isTrue();
    }

    private static TrainingRequest denseRequest(double l2, double rate) {
        return Requests.of("custom", 9).toBuilder()
                .setOptimizer(OptimizerSpec.newBuilder().setName("sgd").setLearningRate(rate).setMomentum(0))
                .addLayers(LayerSpec.newBuilder().setType("dense").setUnits(8).setActivation("tanh").setL2(l2))
                .build();
    }
}
