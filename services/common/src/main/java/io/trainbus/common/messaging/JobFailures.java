package io.trainbus.common.messaging;

import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingRequest;

/** Builds {@code JobFailed} events. */
public final class JobFailures {

    private JobFailures() {
    }

    /**
     * Describes a failure of a job whose request is known.
     *
     * @param request the job's request
     * @param stage the failing service, for example {@code trainer}
     * @param reason what failed, on which value, and what to do
     * @return the event
     */
    public static JobFailed of(TrainingRequest request, String stage, String reason) {
        return JobFailed.newBuilder()
                .setJobId(request.getJobId())
                .setExperimentId(request.getExperimentId())
                .setModel(request.getModel())
                .setStage(stage)
                .setReason(reason)
                .setFailedAtMs(System.currentTimeMillis())
                .build();
    }

    /**
     * Describes a rejected request.
     *
     * @param request what could be read of the request, or the default instance
     * @param stage the rejecting service
     * @param error the validation error with its field and value
     * @return the event
     */
    public static JobFailed invalid(TrainingRequest request, String stage, InvalidRequestException error) {
        return of(request, stage, error.getMessage()).toBuilder()
                .setField(error.field())
                .setValue(error.value())
                .build();
    }
}
