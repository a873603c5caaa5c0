package io.trainbus.trainer.training;

import io.trainbus.trainer.control.StopReason;

/** A job stopped before its end on request; its checkpoints up to the last finished epoch are kept. */
public class JobStoppedException extends RuntimeException {

    private final StopReason reason;
    private final int epochsDone;

    JobStoppedException(String jobId, StopReason reason, int epochsDone) {
        super("Job " + jobId + " stopped (" + reason + ") after " + epochsDone + " finished epochs");
        this.reason = reason;
        this.epochsDone = epochsDone;
    }

    /** Returns why the job stopped. */
    public StopReason reason() {
        return reason;
    }

    /** Returns the epochs finished and saved in the last checkpoint. */
    public int epochsDone() {
        return epochsDone;
    }
}
