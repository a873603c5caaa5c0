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

    /** @return the model name, or the job id when the model is unknown */
    public String label() {
        return model.isEmpty() ? jobId : model;
    }
}
