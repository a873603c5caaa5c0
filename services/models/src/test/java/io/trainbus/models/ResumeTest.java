package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.trainbus.proto.v1.LayerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResumeTest {

    private static final int EPOCHS = 4;

    @TempDir
    Path folder;

    /** A small network with every random and stateful part: batch norm, dropout, schedule and decay. */
    private static TrainingRequest request() {
        TrainingRequest base = Requests.optimizedCnn(11);
        return base.toBuilder()
                .setModel("custom")
                .setBatchSize(16)
                .setLearningRateSchedule(base.getLearningRateSchedule().toBuilder().setSteps(0,
                        base.getLearningRateSchedule().getSteps(0).toBuilder().setAfterEpoch(1)))
                .addLayers(LayerSpec.newBuilder().setType("conv").setFilters(4).setKernelSize(3).setPadding("same")
                        .setActivation("elu").setL2(1e-4))
                .addLayers(LayerSpec.newBuilder().setType("batchnorm"))
                .addLayers(LayerSpec.newBuilder().setType("pool").setKernelSize(4))
                .addLayers(LayerSpec.newBuilder().setType("dropout").setRate(0.3))
                .addLayers(LayerSpec.newBuilder().setType("flatten"))
                .build();
    }

    @Test
    void resumedRunMatchesUninterruptedRun() throws IOException {
        Nd4j.getRandom().setSeed(1);
        INDArray features = Nd4j.rand(40, Requests.CIFAR_FEATURES);
        INDArray labels = Nd4j.eye(10).repeat(0, 4);
        INDArray validation = features.getRows(0, 1, 2, 3, 4, 5, 6, 7);
        INDArray validationLabels = labels.getRows(0, 1, 2, 3, 4, 5, 6, 7);

        MultiLayerNetwork uninterrupted = ReferenceModels.build(request());
        TrainingSummary whole = new TrainingLoop(uninterrupted, 16, 11)
                .run(features, labels, validation, validationLabels, EPOCHS, epoch -> { });

        MultiLayerNetwork first = ReferenceModels.build(request());
        TrainingLoop firstLoop = new TrainingLoop(first, 16, 11);
        Path checkpoint = folder.resolve("last.zip");
        List<TrainingState> saved = new ArrayList<>();
        // The first process dies after saving epoch 2: stop it there as a crash would.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> firstLoop.run(features, labels, validation,
                validationLabels, EPOCHS, epoch -> {
                    Checkpoints.write(first, checkpoint);
                    saved.add(firstLoop.state());
                    if (epoch.epoch() == 2) {
                        throw new IOException("process killed");
                    }
                }))).hasMessage("process killed");
        first.close();

        MultiLayerNetwork restored = Checkpoints.read(checkpoint);
        List<Integer> resumedEpochs = new ArrayList<>();
        TrainingSummary resumed = new TrainingLoop(restored, 16, 11)
                .resumeFrom(saved.get(saved.size() - 1))
                .run(features, labels, validation, validationLabels, EPOCHS, epoch -> resumedEpochs.add(epoch.epoch()));

        assertThat(resumedEpochs).containsExactly(3, 4);
        assertThat(resumed.history()).extracting(EpochResult::epoch).containsExactly(1, 2, 3, 4);
        assertThat(restored.getIterationCount()).isEqualTo(uninterrupted.getIterationCount());
        double maxDifference = restored.params().sub(uninterrupted.params()).amaxNumber().doubleValue();
        assertThat(maxDifference).as("largest parameter difference").isLessThanOrEqualTo(1e-6);
        assertThat(uninterrupted.params().sub(ReferenceModels.build(request()).params()).amaxNumber().doubleValue())
                .as("training changed the parameters").isGreaterThan(1e-3);
        assertThat(resumed.history().get(3).valLoss()).isEqualTo(whole.history().get(3).valLoss());
        assertThat(resumed.history().get(3).learningRate()).isEqualTo(whole.history().get(3).learningRate());
        assertThat(whole.history().get(3).learningRate()).as("the step after epoch index 1 applies")
                .isLessThan(0.0007);
    }

    @Test
    void resumeAfterEarlyStopRunsNothing() throws IOException {
        Nd4j.getRandom().setSeed(2);
        INDArray features = Nd4j.rand(16, Requests.CIFAR_FEATURES);
        INDArray labels = Nd4j.eye(10).repeat(0, 2).getRows(java.util.stream.IntStream.range(0, 16).toArray());
        MultiLayerNetwork net = ReferenceModels.build(request());
        TrainingState stopped = new TrainingState(0, List.of(), Double.POSITIVE_INFINITY, 0,
                Double.POSITIVE_INFINITY, 0, true);
        List<Integer> epochs = new ArrayList<>();

        TrainingSummary summary = new TrainingLoop(net, 16, 1).resumeFrom(stopped)
                .run(features, labels, features, labels, 3, epoch -> epochs.add(epoch.epoch()));

        assertThat(epochs).isEmpty();
        assertThat(summary.stoppedEarly()).isTrue();
        assertThat(Files.exists(folder.resolve("last.zip"))).isFalse();
    }
}
