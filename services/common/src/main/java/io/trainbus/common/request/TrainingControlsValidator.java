package io.trainbus.common.request;

import java.util.List;

import io.trainbus.proto.v1.EarlyStoppingSpec;
import io.trainbus.proto.v1.LearningRateSchedule;
import io.trainbus.proto.v1.LearningRateStep;
import io.trainbus.proto.v1.OptimizerSpec;

/** Checks the optimizer, the learning-rate schedule and early stopping of a defaulted request. */
final class TrainingControlsValidator {

    static final List<String> OPTIMIZERS = List.of("rmsprop", "adam", "sgd");
    static final List<String> SCHEDULES = List.of(TrainingDefaults.SCHEDULE_NONE, TrainingDefaults.SCHEDULE_STEPS);
    static final int MAX_PATIENCE = 10_000;

    private TrainingControlsValidator() {
    }

    static void checkOptimizer(OptimizerSpec spec) throws InvalidRequestException {
        if (!OPTIMIZERS.contains(spec.getName())) {
            throw RequestValidator.invalid("optimizer.name", spec.getName(), "is not a known optimizer; use one of "
                    + OPTIMIZERS);
        }
        checkLearningRate("optimizer.learning_rate", spec.getLearningRate());
        if (!(spec.getDecay() >= 0 && spec.getDecay() <= 1)) {
            throw RequestValidator.invalid("optimizer.decay", String.valueOf(spec.getDecay()), "must be from 0 to 1");
        }
        String name = spec.getName();
        checkApplies("optimizer.rho", spec.hasRho(), name, "rmsprop");
        checkApplies("optimizer.epsilon", spec.hasEpsilon(), name, "rmsprop", "adam");
        checkApplies("optimizer.momentum", spec.hasMomentum(), name, "sgd");
        checkApplies("optimizer.beta_1", spec.hasBeta1(), name, "adam");
        checkApplies("optimizer.beta_2", spec.hasBeta2(), name, "adam");
        checkFraction("optimizer.rho", spec.hasRho(), spec.getRho());
        checkFraction("optimizer.momentum", spec.hasMomentum(), spec.getMomentum());
        checkFraction("optimizer.beta_1", spec.hasBeta1(), spec.getBeta1());
        checkFraction("optimizer.beta_2", spec.hasBeta2(), spec.getBeta2());
        if (spec.hasEpsilon() && !(spec.getEpsilon() > 0 && spec.getEpsilon() <= 1)) {
            throw RequestValidator.invalid("optimizer.epsilon", String.valueOf(spec.getEpsilon()),
                    "must be greater than 0 and at most 1");
        }
    }

    static void checkSchedule(LearningRateSchedule schedule) throws InvalidRequestException {
        String field = "learning_rate_schedule";
        if (!SCHEDULES.contains(schedule.getType())) {
            throw RequestValidator.invalid(field + ".type", schedule.getType(), "must be one of " + SCHEDULES);
        }
        boolean steps = TrainingDefaults.SCHEDULE_STEPS.equals(schedule.getType());
        if (!steps && schedule.getStepsCount() > 0) {
            throw RequestValidator.invalid(field + ".steps", schedule.getStepsCount() + " steps",
                    "must be empty unless type is \"steps\"");
        }
        if (steps) {
            RequestValidator.checkRange(field + ".steps", schedule.getStepsCount(), 1, 100);
        }
        int previous = -1;
        for (int i = 0; i < schedule.getStepsCount(); i++) {
            LearningRateStep step = schedule.getSteps(i);
            String at = field + ".steps[" + i + "]";
            // Steps past the last epoch are allowed, so a short trial run keeps the full protocol's schedule.
            RequestValidator.checkRange(at + ".after_epoch", step.getAfterEpoch(), previous + 1,
                    RequestValidator.MAX_EPOCHS);
            checkLearningRate(at + ".learning_rate", step.getLearningRate());
            previous = step.getAfterEpoch();
        }
    }

    static void checkEarlyStopping(EarlyStoppingSpec spec) throws InvalidRequestException {
        if (!TrainingDefaults.MONITOR_VAL_LOSS.equals(spec.getMonitor())) {
            throw RequestValidator.invalid("early_stopping.monitor", spec.getMonitor(), "must be \"val_loss\"");
        }
        if (!(spec.getMinDelta() >= 0 && spec.getMinDelta() <= 100)) {
            throw RequestValidator.invalid("early_stopping.min_delta", String.valueOf(spec.getMinDelta()),
                    "must be from 0 to 100");
        }
        RequestValidator.checkRange("early_stopping.patience", spec.getPatience(), 1, MAX_PATIENCE);
    }

    private static void checkLearningRate(String field, double value) throws InvalidRequestException {
        if (!(value > 0 && value <= 10)) {
            throw RequestValidator.invalid(field, String.valueOf(value), "must be greater than 0 and at most 10");
        }
    }

    private static void checkFraction(String field, boolean set, double value) throws InvalidRequestException {
        if (set && !(value >= 0 && value < 1)) {
            throw RequestValidator.invalid(field, String.valueOf(value), "must be at least 0 and below 1");
        }
    }

    private static void checkApplies(String field, boolean set, String optimizer, String... users)
            throws InvalidRequestException {
        if (set && !List.of(users).contains(optimizer)) {
            throw RequestValidator.invalid(field, "set", "does not apply to optimizer " + optimizer
                    + "; it is used by " + String.join(" and ", users) + " only, so remove it");
        }
    }
}
