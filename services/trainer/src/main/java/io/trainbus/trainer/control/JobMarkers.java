package io.trainbus.trainer.control;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;

/**
 * Small per-job objects that coordinate trainer instances through the object store:
 * {@code jobs/{jobId}/cancel.json}, written when a cancel message arrives, so a job that starts or resumes later is
 * cancelled too; and {@code jobs/{jobId}/owner.json}, the id of the run that trains the job now. A run checks the
 * owner before writing each checkpoint and stops once another run has taken the job over, which fences off an
 * instance that lost its partition without noticing (for example after a long pause).
 */
public final class JobMarkers {

    private final ObjectStore store;

    public JobMarkers(ObjectStore store) {
        this.store = store;
    }

    static String cancelKey(String jobId) {
        return ObjectKeys.jobPrefix(jobId) + "cancel.json";
    }

    static String ownerKey(String jobId) {
        return ObjectKeys.jobPrefix(jobId) + "owner.json";
    }

    /** Records that a job is cancelled, with the reason as JSON text. */
    public void markCancelled(String jobId, String json) {
        store.putBytes(cancelKey(jobId), json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** Returns the cancel document of a job, if it was cancelled. */
    public Optional<String> cancellation(String jobId) {
        if (!store.exists(cancelKey(jobId))) {
            return Optional.empty();
        }
        return Optional.of(new String(store.getBytes(cancelKey(jobId)), StandardCharsets.UTF_8));
    }

    /** Makes a run the owner of a job; the last writer wins. */
    public void claim(String jobId, String runId) {
        store.putBytes(ownerKey(jobId), runId.getBytes(StandardCharsets.UTF_8), "text/plain");
    }

    /** Returns true when the job's owner is still this run. */
    public boolean owns(String jobId, String runId) {
        if (!store.exists(ownerKey(jobId))) {
            return false;
        }
        return runId.equals(new String(store.getBytes(ownerKey(jobId)), StandardCharsets.UTF_8));
    }
}
