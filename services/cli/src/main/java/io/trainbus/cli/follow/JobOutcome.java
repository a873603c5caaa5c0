package io.trainbus.cli.follow;

import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;

/**
 * End of a followed job: an evaluation or with a failure, never both.
 *
 * @param jobId the job id
 * @param model the model name, or empty when no event of the job named it
 * @param evaluation the test result, or null when the job failed
 * @param failure the failure, or null when the job succeeded
 */
public record JobOutcome(String jobId, String model, EvaluationCompleted evaluation, JobFailed failure) {

    /** @return true when the job ended with an evaluation */
    public boolean succeeded() {
        return evaluation != null;
    }

    /**
     * Returns the model for display. A job rejected before any stage named its model (an invalid request, a dataset
     * that fails ingestion) has none, and the job id is already in a column of its own.
     *
     * @param unknown what to show when no event named the model
     * @return the model name, or {@code unknown}
     */
    public String modelOr(String unknown) {
        return model.isEmpty() ? unknown : model;
    }
}
