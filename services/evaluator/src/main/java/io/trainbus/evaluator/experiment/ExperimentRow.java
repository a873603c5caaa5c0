package io.trainbus.evaluator.experiment;

/**
 * One job's line in its experiment's comparison, stored as {@code experiments/{experimentId}/jobs/{jobId}.json}
 * with snake_case keys.
 *
 * @param jobId the job
 * @param model model name
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
 * @param evaluatedAtMs when the evaluation finished, in milliseconds since the Unix epoch
 */
public record ExperimentRow(String jobId, String model, long parameters, int epochsRun, int bestEpoch,
        double testAccuracy, double testLoss, int testCount, Double macroF1, double trainingSeconds,
        double imagesPerSecond, String historyKey, String reportKey, long evaluatedAtMs) {
}
