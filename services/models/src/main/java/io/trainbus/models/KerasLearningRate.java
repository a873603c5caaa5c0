package io.trainbus.models;

import java.util.Arrays;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * The learning rate of a Keras run with a step schedule and time-based decay, as a Deeplearning4j schedule:
 * {@code rate(e) / (1 + decay * t)}, where e is the 0-based epoch (Deeplearning4j passes the network's epoch count,
 * which the training loop sets to the number of finished epochs, the index Keras' LearningRateScheduler gets) and t
 * the number of gradient steps taken before this one. {@code rate(e)} is the base rate, replaced by the rate of the
 * last step whose {@code afterEpochs} value is below e. Keras 2 computes its decayed rate from the iteration count
 * before the step's increment, so the first step uses the undecayed rate, as here.
 *
 * <p>Stored as JSON in the checkpoint's configuration, so the class keeps Jackson-readable properties (Deeplearning4j
 * shades Jackson under {@code org.nd4j.shade}).
 */
public final class KerasLearningRate implements ISchedule {

    private final double baseRate;
    private final int[] afterEpochs;
    private final double[] rates;
    private final double decay;

    /**
     * @param baseRate rate until the first step applies
     * @param afterEpochs increasing 0-based epoch indices; step i applies when the epoch index exceeds afterEpochs[i]
     * @param rates the rate of each step, same length as afterEpochs
     * @param decay Keras' time-based decay per gradient step, at least 0
     */
    @JsonCreator
    public KerasLearningRate(@JsonProperty("baseRate") double baseRate,
            @JsonProperty("afterEpochs") int[] afterEpochs, @JsonProperty("rates") double[] rates,
            @JsonProperty("decay") double decay) {
        if (afterEpochs.length != rates.length) {
            throw new IllegalArgumentException(afterEpochs.length + " step epochs but " + rates.length
                    + " step rates: give one rate per step");
        }
        this.baseRate = baseRate;
        this.afterEpochs = afterEpochs.clone();
        this.rates = rates.clone();
        this.decay = decay;
    }

    /** Returns the scheduled rate of a 0-based epoch, before decay. */
    public double scheduledRate(int epochIndex) {
        double rate = baseRate;
        for (int i = 0; i < afterEpochs.length; i++) {
            if (epochIndex > afterEpochs[i]) {
                rate = rates[i];
            }
        }
        return rate;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return scheduledRate(epoch) / (1 + decay * iteration);
    }

    @Override
    public ISchedule clone() {
        return new KerasLearningRate(baseRate, afterEpochs, rates, decay);
    }

    @JsonProperty("baseRate")
    public double baseRate() {
        return baseRate;
    }

    @JsonProperty("afterEpochs")
    public int[] afterEpochs() {
        return afterEpochs.clone();
    }

    @JsonProperty("rates")
    public double[] rates() {
        return rates.clone();
    }

    @JsonProperty("decay")
    public double decay() {
        return decay;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof KerasLearningRate that && baseRate == that.baseRate && decay == that.decay
                && Arrays.equals(afterEpochs, that.afterEpochs) && Arrays.equals(rates, that.rates);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(afterEpochs) + Arrays.hashCode(rates) + Double.hashCode(baseRate + decay);
    }
}
