package io.trainbus.evaluator.jobs;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Stage of a job in the pipeline, from the latest event seen for it. The constants are in pipeline order, so a state
 * only moves forward even when events of different topics are read out of order. {@link #FAILED} ends a job from
 * any state.
 */
public enum JobState {
    /** The request is on {@code trainbus.requests}. */
    SUBMITTED,
    /** Ingestion stored the raw dataset. */
    INGESTED,
    /** Preprocessing wrote the tensors. */
    PREPARED,
    /** At least one epoch finished. */
    TRAINING,
    /** Training finished; evaluation is pending or running. */
    TRAINED,
    /** The report is stored: the job succeeded. */
    EVALUATED,
    /** A service published {@code JobFailed}. */
    FAILED;

    /** @return the lower-case name used in JSON and URLs */
    @JsonValue
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return true for the states after which no event follows */
    public boolean ended() {
        return this == EVALUATED || this == FAILED;
    }
}
