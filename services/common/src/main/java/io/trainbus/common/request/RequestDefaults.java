package io.trainbus.common.request;

import java.util.Map;

import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Fills the fields a request left out with the reference study's values: Keras' RMSprop defaults (learning rate
 * 0.001, rho 0.9, epsilon 1e-7), the first 5,000 training records as validation, 100 epochs for the MLP, 20 for the
 * CNN and up to 250 for the optimized CNN, batch 64 for the optimized CNN and 32 otherwise. {@link TrainingDefaults}
 * fills the optimizer, schedule, early-stopping and layer fields. Fields the request set, zero included, are kept
 * for the validator to judge.
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
    public static final Map<String, Integer> DEFAULT_EPOCHS = Map.of(ModelNames.MLP, 100, ModelNames.CNN, 20,
            ModelNames.OPTIMIZED_CNN, 250, ModelNames.CUSTOM, 20);
    /** Batch size of the optimized CNN in the reference study; every other model uses DEFAULT_BATCH_SIZE. */
    public static final int OPTIMIZED_CNN_BATCH_SIZE = 64;

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
        if (builder.getModel().isEmpty() && builder.getLayersCount() > 0) {
            builder.setModel(ModelNames.CUSTOM);
        }
        if (!builder.hasEpochs() && DEFAULT_EPOCHS.containsKey(builder.getModel())) {
            builder.setEpochs(DEFAULT_EPOCHS.get(builder.getModel()));
        }
        if (!builder.hasBatchSize()) {
            boolean optimized = ModelNames.OPTIMIZED_CNN.equals(builder.getModel());
            builder.setBatchSize(optimized ? OPTIMIZED_CNN_BATCH_SIZE : DEFAULT_BATCH_SIZE);
        }
        if (!builder.hasSeed()) {
            builder.setSeed(DEFAULT_SEED);
        }
        builder.setDataset(dataset(builder.getDataset()));
        TrainingDefaults.apply(builder);
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
}
