package io.trainbus.models;

import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;

/** Requests with every optional field set, as the ingestion service passes them on. */
final class Requests {

    private Requests() {
    }

    static TrainingRequest of(String model, long seed) {
        return TrainingRequest.newBuilder()
                .setJobId("test-" + model)
                .setModel(model)
                .setSeed(seed)
                .setBatchSize(32)
                .setEpochs(2)
                .setOptimizer(OptimizerSpec.newBuilder()
                        .setName("rmsprop").setLearningRate(0.001).setRho(0.9).setEpsilon(1e-7))
                .build();
    }
}
