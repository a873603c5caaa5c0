package io.trainbus.common.request;

import java.util.List;

import io.trainbus.proto.v1.EarlyStoppingSpec;
import io.trainbus.proto.v1.LayerSpec;
import io.trainbus.proto.v1.LearningRateSchedule;
import io.trainbus.proto.v1.LearningRateStep;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Defaults of the training controls: optimizer parameters, learning-rate schedule, early stopping and the layers of
 * a custom model. Values follow Keras' defaults, and for the optimized CNN the reference study's settings: RMSprop
 * with decay 1e-6, the step schedule below, and early stopping on val_loss with min_delta 0.001 and patience 40.
 * Only the fields that apply to the chosen optimizer or layer type are filled, so the validator can reject the
 * others when a request sets them.
 */
final class TrainingDefaults {

    static final String SCHEDULE_NONE = "none";
    static final String SCHEDULE_STEPS = "steps";
    static final String MONITOR_VAL_LOSS = "val_loss";
    static final double DEFAULT_MIN_DELTA = 0.001;
    static final int DEFAULT_PATIENCE = 40;
    static final double OPTIMIZED_CNN_DECAY = 1e-6;

    /** The reference study's schedule for the optimized CNN: rate applies when the 0-based epoch exceeds the key. */
    static final List<LearningRateStep> REFERENCE_STEPS = List.of(
            step(50, 0.0007), step(100, 0.0005), step(135, 0.0003), step(175, 0.0001));

    private TrainingDefaults() {
    }

    /** Fills the training controls of a request whose model field is already defaulted. */
    static void apply(TrainingRequest.Builder request) {
        String model = request.getModel();
        request.setOptimizer(optimizer(request.getOptimizer(), model));
        request.setLearningRateSchedule(schedule(request.getLearningRateSchedule(), model));
        request.setEarlyStopping(earlyStopping(request.getEarlyStopping(), model));
        for (int i = 0; i < request.getLayersCount(); i++) {
            request.setLayers(i, layer(request.getLayers(i)));
        }
    }

    private static OptimizerSpec optimizer(OptimizerSpec spec, String model) {
        OptimizerSpec.Builder builder = spec.toBuilder();
        if (builder.getName().isEmpty()) {
            builder.setName(RequestDefaults.DEFAULT_OPTIMIZER);
        }
        boolean sgd = "sgd".equals(builder.getName());
        if (!builder.hasLearningRate()) {
            builder.setLearningRate(sgd ? 0.01 : RequestDefaults.DEFAULT_LEARNING_RATE);
        }
        if (!builder.hasDecay()) {
            builder.setDecay(ModelNames.OPTIMIZED_CNN.equals(model) ? OPTIMIZED_CNN_DECAY : 0);
        }
        switch (builder.getName()) {
            case "rmsprop" -> {
                if (!builder.hasRho()) {
                    builder.setRho(RequestDefaults.DEFAULT_RHO);
                }
                if (!builder.hasEpsilon()) {
                    builder.setEpsilon(RequestDefaults.DEFAULT_EPSILON);
                }
            }
            case "adam" -> {
                if (!builder.hasBeta1()) {
                    builder.setBeta1(0.9);
                }
                if (!builder.hasBeta2()) {
                    builder.setBeta2(0.999);
                }
                if (!builder.hasEpsilon()) {
                    builder.setEpsilon(RequestDefaults.DEFAULT_EPSILON);
                }
            }
            case "sgd" -> {
                if (!builder.hasMomentum()) {
                    builder.setMomentum(0);
                }
            }
            default -> {
                // An unknown name is left for the validator to reject.
            }
        }
        return builder.build();
    }

    private static LearningRateSchedule schedule(LearningRateSchedule spec, String model) {
        if (!spec.getType().isEmpty()) {
            return spec;
        }
        if (ModelNames.OPTIMIZED_CNN.equals(model)) {
            return spec.toBuilder().setType(SCHEDULE_STEPS).clearSteps().addAllSteps(REFERENCE_STEPS).build();
        }
        return spec.toBuilder().setType(SCHEDULE_NONE).build();
    }

    private static EarlyStoppingSpec earlyStopping(EarlyStoppingSpec spec, String model) {
        EarlyStoppingSpec.Builder builder = spec.toBuilder();
        if (!builder.hasEnabled()) {
            builder.setEnabled(ModelNames.OPTIMIZED_CNN.equals(model));
        }
        if (builder.getMonitor().isEmpty()) {
            builder.setMonitor(MONITOR_VAL_LOSS);
        }
        if (!builder.hasMinDelta()) {
            builder.setMinDelta(DEFAULT_MIN_DELTA);
        }
        if (!builder.hasPatience()) {
            builder.setPatience(DEFAULT_PATIENCE);
        }
        return builder.build();
    }

    private static LayerSpec layer(LayerSpec spec) {
        LayerSpec.Builder builder = spec.toBuilder();
        switch (spec.getType()) {
            case "dense" -> defaultActivationAndL2(builder);
            case "conv" -> {
                defaultActivationAndL2(builder);
                if (!builder.hasKernelSize()) {
                    builder.setKernelSize(3);
                }
                if (builder.getPadding().isEmpty()) {
                    builder.setPadding("same");
                }
            }
            case "pool" -> {
                if (!builder.hasKernelSize()) {
                    builder.setKernelSize(2);
                }
            }
            default -> {
                // dropout needs its rate; batchnorm and flatten have no parameters.
            }
        }
        return builder.build();
    }

    private static void defaultActivationAndL2(LayerSpec.Builder builder) {
        if (builder.getActivation().isEmpty()) {
            builder.setActivation("relu");
        }
        if (!builder.hasL2()) {
            builder.setL2(0);
        }
    }

    private static LearningRateStep step(int afterEpoch, double learningRate) {
        return LearningRateStep.newBuilder().setAfterEpoch(afterEpoch).setLearningRate(learningRate).build();
    }
}
