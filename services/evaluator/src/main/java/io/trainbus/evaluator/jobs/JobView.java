package io.trainbus.evaluator.jobs;

import java.util.List;

/**
 * A job as the read API shows it: a copy taken under the registry's lock, so it does not change while it is
 * serialised.
 *
 * @param jobId the job
 * @param experimentId its experiment, empty until an event that names it is read
 * @param model model name, empty until known
 * @param state the latest state
 * @param epochsPlanned epochs requested, 0 until known
 * @param epochs finished epochs in order
 * @param bestEpoch 1-based epoch of the best checkpoint, 0 until training finished
 * @param testAccuracy test accuracy of the best checkpoint, null until evaluated
 * @param testLoss test loss of the best checkpoint, null until evaluated
 * @param failedStage the service that failed the job, null unless failed
 * @param failureReason what failed and what to do, null unless failed
 * @param reportKey object key of the evaluation report, null until evaluated
 * @param updatedAtMs timestamp of the latest Kafka record applied, in milliseconds since the Unix epoch
 */
public record JobView(String jobId, String experimentId, String model, JobState state, int epochsPlanned,
        List<EpochEntry> epochs, int bestEpoch, Double testAccuracy, Double testLoss, String failedStage,
        String failureReason, String reportKey, long updatedAtMs) {
}
