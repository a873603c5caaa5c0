package io.trainbus.models;

import io.trainbus.proto.v1.LearningRateSchedule;
import io.trainbus.proto.v1.LearningRateStep;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;

/**
 * Converts a request's optimizer, schedule and decay to a Deeplearning4j updater with Keras' semantics. A run with
 * no schedule and no decay keeps a constant learning rate; otherwise the rate comes from {@link KerasLearningRate}.
 * Adam uses Deeplearning4j's updater, whose bias-corrected step {@code lr * sqrt(1 - beta2^t) / (1 - beta1^t)} and
 * epsilon outside the square root are those of Keras 2.
 */
final class Optimizers {

    static final String RMSPROP = "rmsprop";
    static final String ADAM = "adam";
    static final String SGD = "sgd";

    private Optimizers() {
    }

    /**
     * @param request a request with defaults applied
     * @return the updater; its state must be zeroed after the network is initialised ({@link KerasRmsProp#resetState})
     * @throws IllegalArgumentException when the optimizer is unknown or a parameter is missing or out of range
     */
    static IUpdater fromRequest(TrainingRequest request) {
        OptimizerSpec spec = request.getOptimizer();
        if (spec.getName().isEmpty() || !spec.hasLearningRate()) {
            throw new IllegalArgumentException("The optimizer of job '" + request.getJobId() + "' has no name or"
                    + " learning_rate: apply the request defaults before building a model");
        }
        ISchedule schedule = schedule(spec, request.getLearningRateSchedule());
        return switch (spec.getName()) {
            case RMSPROP -> {
                RmsProp rmsProp = KerasRmsProp.fromSpec(spec);
                if (schedule != null) {
                    rmsProp.setLearningRateSchedule(schedule);
                }
                yield rmsProp;
            }
            case ADAM -> {
                Adam adam = new Adam(spec.getLearningRate(), spec.getBeta1(), spec.getBeta2(), spec.getEpsilon());
                if (schedule != null) {
                    adam.setLearningRateSchedule(schedule);
                }
                yield adam;
            }
            case SGD -> {
                ISchedule rate = schedule != null ? schedule
                        : new KerasLearningRate(spec.getLearningRate(), new int[0], new double[0], 0);
                yield spec.getMomentum() == 0 ? new Sgd(rate) : new KerasSgd(rate, spec.getMomentum());
            }
            default -> throw new IllegalArgumentException("Unsupported optimizer '" + spec.getName()
                    + "': use one of " + RMSPROP + ", " + ADAM + ", " + SGD);
        };
    }

    /**
     * Builds the schedule of a request, or returns null for a constant rate.
     *
     * @throws IllegalArgumentException when the schedule type is unknown
     */
    static KerasLearningRate schedule(OptimizerSpec optimizer, LearningRateSchedule schedule) {
        String type = schedule.getType();
        if (!type.isEmpty() && !"none".equals(type) && !"steps".equals(type)) {
            throw new IllegalArgumentException("Unknown learning-rate schedule '" + type + "': use none or steps");
        }
        int count = "steps".equals(type) ? schedule.getStepsCount() : 0;
        if (count == 0 && optimizer.getDecay() == 0) {
            return null;
        }
        int[] afterEpochs = new int[count];
        double[] rates = new double[count];
        for (int i = 0; i < count; i++) {
            LearningRateStep step = schedule.getSteps(i);
            afterEpochs[i] = step.getAfterEpoch();
            rates[i] = step.getLearningRate();
        }
        return new KerasLearningRate(optimizer.getLearningRate(), afterEpochs, rates, optimizer.getDecay());
    }
}
