package io.trainbus.common.outcome;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import org.jboss.logging.Logger;

/**
 * The record of jobs a pipeline stage has already ended, stored as {@code jobs/{jobId}/outcomes/{stage}.txt} in the
 * object store, so that a stage handles each job id once although Kafka delivers at least once. A stage stores the outcome
 * only after the broker acknowledged the event that ended the job there (its output event or a {@code JobFailed}),
 * and skips a later record of the same job id when an outcome is stored: a request published twice, or a record
 * delivered again after a restart or a rebalance.
 *
 * <p>NOTE: a process that dies after its event was acknowledged and before the outcome is stored sends that event
 * again when the record is delivered again. The next stage's own outcome absorbs the repeat, except after the last
 * stage, whose repeat reaches the topic. The window is one small object-store write.
 */
public final class StageOutcomes {

    /** Outcome of a job whose output event a stage published. */
    public static final String COMPLETED = "completed";
    /** Outcome of a job for which a stage published a {@code JobFailed}. */
    public static final String FAILED = "failed";

    private static final Logger LOG = Logger.getLogger(StageOutcomes.class);

    private final ObjectStore store;
    private final String stage;

    /**
     * @param store the object store shared by the stages
     * @param stage the stage name, as in {@code JobFailed.stage}, for example {@code trainer}
     */
    public StageOutcomes(ObjectStore store, String stage) {
        this.store = store;
        this.stage = stage;
    }

    /**
     * Checks whether this stage has already ended a job, and logs the skip when it has. A failed read is logged and
     * counts as not ended, so the record is handled: a repeat is better than a lost job.
     *
     * @param jobId the record's job id; a blank id is never ended, because such records cannot be distinguished
     * @return true when the record repeats a job this stage already ended and must be skipped
     */
    public boolean alreadyEnded(String jobId) {
        try {
            Optional<String> outcome = ended(jobId);
            outcome.ifPresent(ended -> LOG.infof("job=%s already ended in the %s stage (%s): the repeated record"
                    + " is skipped; submit a new job id to run it again", jobId, stage, ended));
            return outcome.isPresent();
        } catch (RuntimeException e) {
            LOG.warnf(e, "job=%s the %s stage could not read whether it already ended this job: handling the record",
                    jobId, stage);
            return false;
        }
    }

    /**
     * Stores that this stage ended a job; call it after the broker acknowledged the event that ended it. A failed
     * write is logged, not thrown, because the event is already out: it only lets a repeat of the record through.
     *
     * @param jobId the job id; a blank id stores nothing
     * @param outcome {@link #COMPLETED}, {@link #FAILED} or another short word
     */
    public void record(String jobId, String outcome) {
        if (jobId == null || jobId.isBlank()) {
            return;
        }
        try {
            store.putBytes(key(jobId), outcome.getBytes(StandardCharsets.UTF_8), "text/plain");
        } catch (RuntimeException e) {
            LOG.warnf(e, "job=%s the %s stage could not store its outcome %s: a repeat of the job's record would be"
                    + " handled again", jobId, stage, outcome);
        }
    }

    /**
     * Returns the outcome this stage stored for a job.
     *
     * @param jobId the job id
     * @return the stored outcome, empty when the stage has not ended the job or the id is blank
     */
    public Optional<String> ended(String jobId) {
        if (jobId == null || jobId.isBlank()) {
            return Optional.empty();
        }
        String key = key(jobId);
        if (!store.exists(key)) {
            return Optional.empty();
        }
        return Optional.of(new String(store.getBytes(key), StandardCharsets.UTF_8));
    }

    private String key(String jobId) {
        return ObjectKeys.jobPrefix(jobId) + "outcomes/" + stage + ".txt";
    }
}
