package io.trainbus.models;

import io.trainbus.proto.v1.OptimizerSpec;
import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.RmsProp;

/**
 * RMSprop with Keras' semantics on Deeplearning4j's updater. Both compute {@code v = rho * v + (1 - rho) * g^2}
 * and {@code w -= lr * g / (sqrt(v) + eps)}, with g the gradient of the batch's mean loss, because
 * Deeplearning4j's updater divides its summed gradient by the batch size first. A two-step test checks this
 * against a hand computation. They differ in two places:
 * Deeplearning4j's defaults are lr 0.1, rho 0.95, eps 1e-8 where Keras has 0.001, 0.9, 1e-7, so all three are
 * always set; and Deeplearning4j (1.0.0-M2.1) starts {@code v} at eps where Keras starts it at zero, so
 * {@link #resetState} zeroes it after the network is initialised.
 */
final class KerasRmsProp {

    static final String NAME = "rmsprop";

    private KerasRmsProp() {
    }

    /**
     * Converts a request's optimizer to Deeplearning4j's configuration.
     *
     * @throws IllegalArgumentException when the optimizer is not RMSprop or a parameter is missing or out of range
     */
    static RmsProp fromSpec(OptimizerSpec spec) {
        if (spec.getName().isEmpty() || !spec.hasLearningRate() || !spec.hasRho() || !spec.hasEpsilon()) {
            throw new IllegalArgumentException("The optimizer needs name, learning_rate, rho and epsilon, found {"
                    + spec.toString().replace('\n', ' ').trim() + "}: apply the request defaults before building a"
                    + " model");
        }
        if (!NAME.equals(spec.getName())) {
            throw new IllegalArgumentException("Unsupported optimizer '" + spec.getName() + "': use \"" + NAME + "\"");
        }
        requireRange("learning_rate", spec.getLearningRate(), spec.getLearningRate() > 0, "above 0");
        requireRange("rho", spec.getRho(), spec.getRho() >= 0 && spec.getRho() < 1, "in [0, 1)");
        requireRange("epsilon", spec.getEpsilon(), spec.getEpsilon() > 0, "above 0");
        return new RmsProp(spec.getLearningRate(), spec.getRho(), spec.getEpsilon());
    }

    private static void requireRange(String field, double value, boolean valid, String range) {
        if (!valid) {
            throw new IllegalArgumentException("Invalid optimizer " + field + " " + value + ": it must be " + range);
        }
    }

    /** Sets the updater state of every parameter to zero, the state of a fresh Keras RMSprop. */
    static void resetState(MultiLayerNetwork network) {
        Updater updater = network.getUpdater();
        INDArray state = updater.getStateViewArray();
        if (state != null) {
            state.assign(0);
        }
    }
}
