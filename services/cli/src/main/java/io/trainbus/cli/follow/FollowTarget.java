package io.trainbus.cli.follow;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The jobs a follower waits for: either named jobs, or the jobs of one experiment. For an experiment the follower
 * waits for {@code expectedJobs} finished jobs, or, when that is 0, until every job it has seen has finished.
 *
 * @param jobIds job ids to follow; empty when following an experiment
 * @param experimentId experiment to follow; empty when following jobs
 * @param expectedJobs finished jobs to wait for in the experiment, 0 for "every job seen"
 */
public record FollowTarget(Set<String> jobIds, String experimentId, int expectedJobs) {

    /**
     * Follows named jobs.
     *
     * @param jobIds one or more job ids
     * @return the target
     */
    public static FollowTarget jobs(Set<String> jobIds) {
        // A copy that keeps the caller's order, so the results table lists the jobs in the order they were named.
        return new FollowTarget(Collections.unmodifiableSet(new LinkedHashSet<>(jobIds)), "", 0);
    }

    /**
     * Follows the jobs of one experiment.
     *
     * @param experimentId the experiment id
     * @param expectedJobs number of jobs to wait for, or 0 to wait for every job seen
     * @return the target
     */
    public static FollowTarget experiment(String experimentId, int expectedJobs) {
        return new FollowTarget(Set.of(), experimentId, expectedJobs);
    }

    /**
     * Tells whether an event belongs to the followed jobs.
     *
     * @param jobId the event's job id
     * @param eventExperimentId the event's experiment id
     * @return true when the event is followed
     */
    public boolean matches(String jobId, String eventExperimentId) {
        return jobIds.isEmpty() ? experimentId.equals(eventExperimentId) : jobIds.contains(jobId);
    }

    /** @return a short description for messages, for example {@code experiment reference-1} */
    public String describe() {
        return jobIds.isEmpty() ? "experiment " + experimentId : "job(s) " + String.join(", ", jobIds);
    }
}
