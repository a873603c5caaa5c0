package io.trainbus.cli.follow;

import java.util.Locale;

import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;

/** Formats one line per event, in the style of Keras' training log. */
public final class ProgressFormat {

    private ProgressFormat() {
    }

    /**
     * Formats an epoch, for example {@code [cnn] Epoch 3/20 - 134s - loss: 1.2345 - acc: 0.5612 - val_loss: 1.1023
     * - val_acc: 0.6120 - 336 img/s - best checkpoint replaced}.
     *
     * @param epoch the event
     * @return the line
     */
    public static String epoch(EpochCompleted epoch) {
        String line = String.format(Locale.ROOT,
                "[%s] Epoch %d/%d - %ds - loss: %.4f - acc: %.4f - val_loss: %.4f - val_acc: %.4f - %d img/s",
                label(epoch.getModel(), epoch.getJobId()), epoch.getEpoch(), epoch.getEpochs(),
                Math.round(epoch.getSeconds()), epoch.getLoss(), epoch.getAccuracy(), epoch.getValLoss(),
                epoch.getValAccuracy(), Math.round(epoch.getImagesPerSecond()));
        return epoch.getBestReplaced() ? line + " - best checkpoint replaced" : line;
    }

    /**
     * Formats a finished evaluation.
     *
     * @param evaluation the event
     * @return the line, with the test figures of the best checkpoint
     */
    public static String evaluation(EvaluationCompleted evaluation) {
        return String.format(Locale.ROOT, "[%s] Job %s evaluated - test_loss: %.4f - test_acc: %.4f "
                + "(best epoch %d of %d, %d test images)", label(evaluation.getModel(), evaluation.getJobId()),
                evaluation.getJobId(), evaluation.getTestLoss(), evaluation.getTestAccuracy(),
                evaluation.getBestEpoch(), evaluation.getEpochsRun(), evaluation.getTestCount());
    }

    /**
     * Formats a failure with its stage and reason.
     *
     * @param failure the event
     * @param model the job's model when an earlier event named it, else empty
     * @return the line
     */
    public static String failure(JobFailed failure, String model) {
        String jobId = failure.getJobId().isEmpty() ? "(unknown id)" : failure.getJobId();
        return String.format(Locale.ROOT, "[%s] Job %s failed in %s: %s", label(model, jobId), jobId,
                failure.getStage().isEmpty() ? "an unknown stage" : failure.getStage(), failure.getReason());
    }

    /**
     * Formats a time span for humans.
     *
     * @param seconds a non-negative number of seconds
     * @return for example {@code 42s}, {@code 2m 14s} or {@code 1h 02m 03s}
     */
    public static String duration(double seconds) {
        long total = Math.round(seconds);
        long hours = total / 3600;
        long minutes = total % 3600 / 60;
        long rest = total % 60;
        if (hours > 0) {
            return String.format(Locale.ROOT, "%dh %02dm %02ds", hours, minutes, rest);
        }
        if (minutes > 0) {
            return String.format(Locale.ROOT, "%dm %02ds", minutes, rest);
        }
        return rest + "s";
    }

    private static String label(String model, String jobId) {
        return model.isEmpty() ? jobId : model;
    }
}
