package io.trainbus.common.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.trainbus.proto.v1.EarlyStoppingSpec;
import io.trainbus.proto.v1.LayerSpec;
import io.trainbus.proto.v1.LearningRateSchedule;
import io.trainbus.proto.v1.LearningRateStep;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

class TrainingControlsTest {

    private static TrainingRequest.Builder minimal(String model) {
        return TrainingRequest.newBuilder().setJobId("job-1").setModel(model);
    }

    @Test
    void optimizedCnnDefaultsFollowReferenceStudy() {
        TrainingRequest request = RequestDefaults.apply(minimal("optimized-cnn").build());

        assertThat(request.getEpochs()).isEqualTo(250);
        assertThat(request.getBatchSize()).isEqualTo(64);
        assertThat(request.getOptimizer().getName()).isEqualTo("rmsprop");
        assertThat(request.getOptimizer().getLearningRate()).isEqualTo(0.001);
        assertThat(request.getOptimizer().getDecay()).isEqualTo(1e-6);
        assertThat(request.getLearningRateSchedule().getType()).isEqualTo("steps");
        assertThat(request.getLearningRateSchedule().getStepsList())
                .extracting(LearningRateStep::getAfterEpoch).containsExactly(50, 100, 135, 175);
        assertThat(request.getLearningRateSchedule().getStepsList())
                .extracting(LearningRateStep::getLearningRate).containsExactly(0.0007, 0.0005, 0.0003, 0.0001);
        assertThat(request.getEarlyStopping().getEnabled()).isTrue();
        assertThat(request.getEarlyStopping().getMonitor()).isEqualTo("val_loss");
        assertThat(request.getEarlyStopping().getMinDelta()).isEqualTo(0.001);
        assertThat(request.getEarlyStopping().getPatience()).isEqualTo(40);
        assertThatCode(() -> RequestValidator.validate(request)).doesNotThrowAnyException();
    }

    @Test
    void referenceModelsKeepConstantRateWithoutEarlyStopping() {
        TrainingRequest cnn = RequestDefaults.apply(minimal("cnn").build());

        assertThat(cnn.getOptimizer().getDecay()).isZero();
        assertThat(cnn.getLearningRateSchedule().getType()).isEqualTo("none");
        assertThat(cnn.getEarlyStopping().getEnabled()).isFalse();
        assertThat(cnn.getBatchSize()).isEqualTo(32);
    }

    @Test
    void optimizerDefaultsDependOnName() {
        OptimizerSpec adam = RequestDefaults.apply(minimal("mlp")
                .setOptimizer(OptimizerSpec.newBuilder().setName("adam")).build()).getOptimizer();
        OptimizerSpec sgd = RequestDefaults.apply(minimal("mlp")
                .setOptimizer(OptimizerSpec.newBuilder().setName("sgd")).build()).getOptimizer();

        assertThat(adam.getBeta1()).isEqualTo(0.9);
        assertThat(adam.getBeta2()).isEqualTo(0.999);
        assertThat(adam.getEpsilon()).isEqualTo(1e-7);
        assertThat(adam.hasRho()).isFalse();
        assertThat(sgd.getLearningRate()).isEqualTo(0.01);
        assertThat(sgd.getMomentum()).isZero();
        assertThat(sgd.hasEpsilon()).isFalse();
    }

    @Test
    void rejectsParameterOfAnotherOptimizer() {
        InvalidRequestException error = rejection(minimal("mlp")
                .setOptimizer(OptimizerSpec.newBuilder().setName("sgd").setRho(0.9)));

        assertThat(error.field()).isEqualTo("optimizer.rho");
        assertThat(error.getMessage()).contains("does not apply to optimizer sgd");
    }

    @Test
    void rejectsOutOfRangeOptimizerValues() {
        assertThat(rejection(minimal("mlp").setOptimizer(OptimizerSpec.newBuilder().setName("sgd")
                .setMomentum(1.0))).field()).isEqualTo("optimizer.momentum");
        assertThat(rejection(minimal("mlp").setOptimizer(OptimizerSpec.newBuilder().setName("adam")
                .setBeta2(-0.1))).field()).isEqualTo("optimizer.beta_2");
        InvalidRequestException decay = rejection(minimal("mlp").setOptimizer(OptimizerSpec.newBuilder()
                .setDecay(-1e-6)));
        assertThat(decay.field()).isEqualTo("optimizer.decay");
        assertThat(decay.value()).isEqualTo("-1.0E-6");
        assertThat(decay.getMessage()).contains("from 0 to 1");
    }

    @Test
    void rejectsUnorderedOrMissingScheduleSteps() {
        LearningRateSchedule unordered = LearningRateSchedule.newBuilder().setType("steps")
                .addSteps(LearningRateStep.newBuilder().setAfterEpoch(10).setLearningRate(0.001))
                .addSteps(LearningRateStep.newBuilder().setAfterEpoch(5).setLearningRate(0.0005))
                .build();

        InvalidRequestException order = rejection(minimal("cnn").setLearningRateSchedule(unordered));
        InvalidRequestException empty = rejection(minimal("cnn")
                .setLearningRateSchedule(LearningRateSchedule.newBuilder().setType("steps")));
        InvalidRequestException type = rejection(minimal("cnn")
                .setLearningRateSchedule(LearningRateSchedule.newBuilder().setType("cosine")));

        assertThat(order.field()).isEqualTo("learning_rate_schedule.steps[1].after_epoch");
        assertThat(order.getMessage()).contains("from 11 to");
        assertThat(empty.field()).isEqualTo("learning_rate_schedule.steps");
        assertThat(type.field()).isEqualTo("learning_rate_schedule.type");
        assertThat(type.getMessage()).contains("[none, steps]");
    }

    @Test
    void rejectsEarlyStoppingOutOfRange() {
        assertThat(rejection(minimal("cnn").setEarlyStopping(EarlyStoppingSpec.newBuilder().setPatience(0)))
                .field()).isEqualTo("early_stopping.patience");
        assertThat(rejection(minimal("cnn").setEarlyStopping(EarlyStoppingSpec.newBuilder().setMonitor("loss")))
                .field()).isEqualTo("early_stopping.monitor");
        assertThat(rejection(minimal("cnn").setEarlyStopping(EarlyStoppingSpec.newBuilder().setMinDelta(-1)))
                .field()).isEqualTo("early_stopping.min_delta");
    }

    @Test
    void layerListMakesCustomModelWithLayerDefaults() {
        TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder().setJobId("job-1")
                .addLayers(LayerSpec.newBuilder().setType("conv").setFilters(8))
                .addLayers(LayerSpec.newBuilder().setType("pool"))
                .addLayers(LayerSpec.newBuilder().setType("flatten"))
                .addLayers(LayerSpec.newBuilder().setType("dropout").setRate(0.5))
                .addLayers(LayerSpec.newBuilder().setType("dense").setUnits(16))
                .build());

        assertThat(request.getModel()).isEqualTo("custom");
        assertThat(request.getLayers(0).getKernelSize()).isEqualTo(3);
        assertThat(request.getLayers(0).getPadding()).isEqualTo("same");
        assertThat(request.getLayers(0).getActivation()).isEqualTo("relu");
        assertThat(request.getLayers(1).getKernelSize()).isEqualTo(2);
        assertThat(request.getLayers(1).hasL2()).isFalse();
        assertThatCode(() -> RequestValidator.validate(request)).doesNotThrowAnyException();
    }

    @Test
    void rejectsInvalidLayerLists() {
        LayerSpec.Builder conv = LayerSpec.newBuilder().setType("conv").setFilters(8);
        LayerSpec.Builder dense = LayerSpec.newBuilder().setType("dense").setUnits(16);

        assertThat(rejection(minimal("custom")).field()).isEqualTo("layers");
        assertThat(rejection(minimal("cnn").addLayers(dense)).field()).isEqualTo("layers");
        assertThat(rejection(minimal("custom").addLayers(LayerSpec.newBuilder().setType("lstm"))).field())
                .isEqualTo("layers[0].type");
        assertThat(rejection(minimal("custom").addLayers(conv).addLayers(dense)).getMessage())
                .contains("flatten");
        assertThat(rejection(minimal("custom").addLayers(dense).addLayers(conv)).field())
                .isEqualTo("layers[1].type");
        assertThat(rejection(minimal("custom").addLayers(LayerSpec.newBuilder().setType("dense"))).field())
                .isEqualTo("layers[0].units");
        assertThat(rejection(minimal("custom").addLayers(LayerSpec.newBuilder().setType("dropout"))).field())
                .isEqualTo("layers[0].rate");
        assertThat(rejection(minimal("custom").addLayers(LayerSpec.newBuilder().setType("pool").setUnits(3)))
                .field()).isEqualTo("layers[0].units");
        assertThat(rejection(minimal("custom").addLayers(conv.clone().setActivation("swish"))).field())
                .isEqualTo("layers[0].activation");
        InvalidRequestException tooSmall = rejection(minimal("custom")
                .addLayers(LayerSpec.newBuilder().setType("pool").setKernelSize(8))
                .addLayers(LayerSpec.newBuilder().setType("pool").setKernelSize(8)));
        assertThat(tooSmall.field()).isEqualTo("layers[1].kernel_size");
        assertThat(tooSmall.getMessage()).contains("below 1 pixel");
    }

    private static InvalidRequestException rejection(TrainingRequest.Builder builder) {
        InvalidRequestException error = catchThrowableOfType(InvalidRequestException.class,
                () -> RequestValidator.validate(RequestDefaults.apply(builder.build())));
        assertThat(error).as("request should be rejected: %s", builder).isNotNull();
        return error;
    }
}
