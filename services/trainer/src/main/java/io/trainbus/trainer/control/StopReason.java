package io.trainbus.trainer.control;

/** Reason a running job was asked to stop before its next batch. */
public enum StopReason {
    /** A CancelJob message named the job: it ends with a JobFailed whose reason starts with "Cancelled". */
    CANCELLED,
    /** Kafka gave the job's partition to another trainer, which resumes the job from its last checkpoint. */
    PARTITION_REVOKED,
    /** Another trainer instance took the job over: this one stops without writing anything more. */
    SUPERSEDED
}
