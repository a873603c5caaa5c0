package io.trainbus.models;

import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.LearningRateSchedule;
import io.trainbus.proto.v1.LearningRateStep;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;

/** Requests with every optional field set, as the ingestion service passes them on. */
final class Requests {

    /** Width of one CIFAR-10 image row: 32 x 32 pixels x 3 channels. */
    static final int CIFAR_FEATURES = DatasetCatalog.CIFAR_10.shape().pixelsPerImage();

    private Requests() {
    }

    /** The optimized CNN's reference settings: RMSprop with decay 1e-6, the step schedule, batch 64. */
    static TrainingRequest optimizedCnn(long seed) {
        LearningRateSchedule.Builder schedule = LearningRateSchedule.newBuilder().setType("steps");
        int[] after = {50, 100, 135, 175};
        double[] rates = {0.0007, 0.0005, 0.0003, 0.0001};
        for (int i = 0; i < after.length; i++) {
            schedule.addSteps(LearningRateStep.newBuilder().setAfterEpoch(after[i]).setLearningRate(rates[i]));
        }
        TrainingRequest base = of("optimized-cnn", seed);
        return base.toBuilder()
                .setBatchSize(64)
                .setOptimizer(base.getOptimizer().toBuilder().setDecay(1e-6))
                .setLearningRateSchedule(schedule)
                .build();
    }

    /** A CIFAR-10 request for the model. */
    static TrainingRequest of(String model, long seed) {
        return TrainingRequest.newBuilder()
                .setJobId("test-" + model)
                .setModel(model)
                .setDataset(DatasetSpec.newBuilder().setName(DatasetCatalog.CIFAR_10.name()))
                .setSeed(seed)
                .setBatchSize(32)
                .setEpochs(2)
                .setOptimizer(OptimizerSpec.newBuilder()
                        .setName("rmsprop").setLearningRate(0.001).setRho(0.9).setEpsilon(1e-7))
                .build();
    }

    /** Returns the same request on Fashion-MNIST. */
    static TrainingRequest onFashionMnist(TrainingRequest request) {
        return request.toBuilder()
                .setDataset(request.getDataset().toBuilder().setName(DatasetCatalog.FASHION_MNIST.name()))
                .build();
    }
}
