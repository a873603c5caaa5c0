package io.trainbus.common.request;

import java.util.Map;

import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Fills the fields a request left out with the reference study's values: Keras' RMSprop defaults (learning rate
 * 0.001, rho 0.9, epsilon 1e-7), batch 32, the first 5,000 training records as validation, and 100 epochs for the
 * MLP or 20 for the CNN. Fields the request set, zero included, are kept for the validator to judge.
 */
public final class RequestDefaults {

    public static final String DEFAULT_DATASET = DatasetCatalog.CIFAR_10.name();
    public static final String DEFAULT_OPTIMIZER = "rmsprop";
    public static final int DEFAULT_BATCH_SIZE = 32;
    public static final int DEFAULT_VALIDATION_SIZE = 5_000;
    public static final long DEFAULT_SEED = 42L;
    public static final double DEFAULT_LEARNING_RATE = 0.001;
    public static final double DEFAULT_RHO = 0.9;
    public static final double DEFAULT_EPSILON = 1e-7;

    /** Epochs of the full protocol per model. */
    public static final Map<String, Integer> DEFAULT_EPOCHS = Map.of("mlp", 100, "cnn", 20);

    private RequestDefaults() {
    }

    /**
     * Applies the defaults.
     *
     * @param request a parsed request
     * @return the request with every optional field set
     */
    public static TrainingRequest apply(TrainingRequest request) {
        TrainingRequest.Builder builder = request.toBuilder();
        if (builder.getExperimentId().isEmpty()) {
            builder.setExperimentId(builder.getJobId());
        }
        if (!builder.hasEpochs() && DEFAULT_EPOCHS.containsKey(builder.getModel())) {
            builder.setEpochs(DEFAULT_EPOCHS.get(builder.getModel()));
        }
        if (!builder.hasBatchSize()) {
            builder.setBatchSize(DEFAULT_BATCH_SIZE);
        }
        if (!builder.hasSeed()) {
            builder.setSeed(DEFAULT_SEED);
        }
        builder.setDataset(dataset(builder.getDataset()));
        builder.setOptimizer(optimizer(builder.getOptimizer()));
        builder.setPreprocessing(PreprocessingDefaults.apply(builder.getPreprocessing(), builder.getModel()));
        return builder.build();
    }

    private static DatasetSpec dataset(DatasetSpec spec) {
        DatasetSpec.Builder builder = spec.toBuilder();
        if (builder.getName().isEmpty()) {
            builder.setName(DEFAULT_DATASET);
        }
        if (!builder.hasValidationSize()) {
            builder.setValidationSize(DEFAULT_VALIDATION_SIZE);
        }
        if (!builder.hasTrainLimit()) {
            builder.setTrainLimit(0);
        }
        if (!builder.hasTestLimit()) {
            builder.setTestLimit(0);
        }
        return builder.build();
    }

    private static OptimizerSpec optimizer(OptimizerSpec spec) {
        OptimizerSpec.Builder builder = spec.toBuilder();
        if (builder.getName().isEmpty()) {
            builder.setName(DEFAULT_OPTIMIZER);
        }
        if (!builder.hasLearningRate()) {
            builder.setLearningRate(DEFAULT_LEARNING_RATE);
        }
        if (!builder.hasRho()) {
            builder.setRho(DEFAULT_RHO);
        }
        if (!builder.hasEpsilon()) {
            builder.setEpsilon(DEFAULT_EPSILON);
        }
        return builder.build();
    }
}
