package io.trainbus.models;

import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Keras' SGD with classical momentum: {@code v = momentum * v - lr * g; w += v}. Deeplearning4j's {@code Nesterovs}
 * implements Nesterov momentum, which is Keras' {@code nesterov=True}, so plain momentum needs this updater. The
 * state (one velocity per parameter) starts at zero, as in Keras.
 */
public final class KerasSgd implements IUpdater {

    private static final String VELOCITY = "V";

    private ISchedule learningRate;
    private final double momentum;

    @JsonCreator
    public KerasSgd(@JsonProperty("learningRate") ISchedule learningRate,
            @JsonProperty("momentum") double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    @JsonProperty("learningRate")
    public ISchedule learningRate() {
        return learningRate;
    }

    @JsonProperty("momentum")
    public double momentum() {
        return momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        Updater updater = new Updater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> state, boolean initialize) {
        Updater updater = new Updater(this);
        updater.setState(state, initialize);
        return updater;
    }

    @Override
    public KerasSgd clone() {
        return new KerasSgd(learningRate.clone(), momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate.valueAt(iteration, epoch);
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        this.learningRate = lrSchedule != null ? lrSchedule : new KerasLearningRate(lr, new int[0], new double[0], 0);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasSgd that && momentum == that.momentum && learningRate.equals(that.learningRate);
    }

    @Override
    public int hashCode() {
        return 31 * learningRate.hashCode() + Double.hashCode(momentum);
    }

    /** Applies the update to one block of parameters; Deeplearning4j subtracts the returned gradient. */
    private static final class Updater implements GradientUpdater<KerasSgd> {

        private final KerasSgd config;
        private INDArray velocity;

        Updater(KerasSgd config) {
            this.config = config;
        }

        @Override
        public KerasSgd getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> state, boolean initialize) {
            velocity = state.get(VELOCITY);
            if (velocity == null) {
                throw new IllegalStateException("SGD state has no velocity array " + VELOCITY + ": found "
                        + state.keySet());
            }
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(VELOCITY, velocity);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                boolean initialize) {
            velocity = viewArray.reshape(gradientOrder, gradientShape);
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            double rate = config.getLearningRate(iteration, epoch);
            velocity.muli(config.momentum()).subi(gradient.mul(rate));
            // The network applies w -= gradient, and Keras applies w += v.
            gradient.assign(velocity).negi();
        }
    }
}
