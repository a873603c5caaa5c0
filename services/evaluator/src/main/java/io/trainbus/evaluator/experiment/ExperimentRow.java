package io.trainbus.evaluator.experiment;

/**
 * One job's line in its experiment's comparison, stored as {@code experiments/{experimentId}/jobs/{jobId}.json}
 * with snake_case keys. A failed job has a state of {@code failed}, its stage and reason, and null figures.
 *
 * @param jobId the job
 * @param state {@code evaluated} or {@code failed}
 * @param model model name, empty when a failed job's model is unknown
 * @param parameters trainable and non-trainable parameters of the network
 * @param epochsRun epochs trained
 * @param bestEpoch 1-based epoch of the best checkpoint
 * @param testAccuracy test accuracy of the best checkpoint, in [0, 1]
 * @param testLoss mean test cross-entropy of the best checkpoint
 * @param testCount test images scored
 * @param macroF1 mean F1 over the classes, null when no class defines it
 * @param trainingSeconds sum of the epochs' wall times, in seconds
 * @param imagesPerSecond mean training images per second over all epochs
 * @param historyKey key of the trainer's per-epoch history
 * @param reportKey key of the job's evaluation report
 * @param failedStage the service that failed the job
 * @param failureReason what failed and what to do
 * @param updatedAtMs when the row was written, in milliseconds since the Unix epoch
 */
public record ExperimentRow(String jobId, String state, String model, Long parameters, Integer epochsRun,
        Integer bestEpoch, Double testAccuracy, Double testLoss, Integer testCount, Double macroF1,
        Double trainingSeconds, Double imagesPerSecond, String historyKey, String reportKey, String failedStage,
        String failureReason, long updatedAtMs) {

    public static final String EVALUATED = "evaluated";
    public static final String FAILED = "failed";

    /**
     * Builds the row of a failed job.
     *
     * @param jobId the job
     * @param model its model, or empty when unknown
     * @param stage the service that failed it
     * @param reason what failed and what to do
     * @return the row, with null figures
     */
    public static ExperimentRow failed(String jobId, String model, String stage, String reason) {
        return new ExperimentRow(jobId, FAILED, model, null, null, null, null, null, null, null, null, null, null,
                null, stage, reason, System.currentTimeMillis());
    }

    /** @return true for an evaluated job */
    public boolean evaluated() {
        return EVALUATED.equals(state);
    }
}
