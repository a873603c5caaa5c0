package io.trainbus.cli.follow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;

/**
 * Progress of a follower: the epochs printed so far and how each finished job ended. Free of Kafka
 * so the rules for "printed" and "finished" can be tested alone.
 */
public final class FollowState {

    private final FollowTarget target;
    /** Jobs in the order they were named, then in the order of their first event. */
    private final Set<String> jobsSeen = new LinkedHashSet<>();
    private final Map<String, String> modelByJob = new LinkedHashMap<>();
    private final Map<String, EpochCompleted> lastEpochByJob = new LinkedHashMap<>();
    private final Set<String> epochsPrinted = new HashSet<>();
    private final Map<String, JobOutcome> outcomes = new LinkedHashMap<>();

    /**
     * @param target the jobs to follow
     */
    public FollowState(FollowTarget target) {
        this.target = target;
        jobsSeen.addAll(target.jobIds());
    }

    /**
     * Records an epoch.
     *
     * @param epoch the event
     * @return the line to print, or empty when the job is not followed or this epoch was printed before
     */
    public Optional<String> accept(EpochCompleted epoch) {
        if (!target.matches(epoch.getJobId(), epoch.getExperimentId())) {
            return Optional.empty();
        }
        see(epoch.getJobId(), epoch.getModel());
        lastEpochByJob.merge(epoch.getJobId(), epoch, (old, next) -> next.getEpoch() > old.getEpoch() ? next : old);
        // A trainer that restarts a job publishes its epochs again; print each epoch of a job once.
        if (!epochsPrinted.add(epoch.getJobId() + "#" + epoch.getEpoch())) {
            return Optional.empty();
        }
        return Optional.of(ProgressFormat.epoch(epoch));
    }

    /**
     * Records a successful end of a job.
     *
     * @param evaluation the event
     * @return the line to print, or empty when the job is not followed or has already ended
     */
    public Optional<String> accept(EvaluationCompleted evaluation) {
        String jobId = evaluation.getJobId();
        if (!target.matches(jobId, evaluation.getExperimentId()) || outcomes.containsKey(jobId)) {
            return Optional.empty();
        }
        see(jobId, evaluation.getModel());
        outcomes.put(jobId, new JobOutcome(jobId, modelByJob.getOrDefault(jobId, ""), evaluation, null));
        return Optional.of(ProgressFormat.evaluation(evaluation));
    }

    /**
     * Records a failed end of a job.
     *
     * @param failure the event
     * @return the line to print, or empty when the job is not followed or has already ended
     */
    public Optional<String> accept(JobFailed failure) {
        String jobId = failure.getJobId();
        if (!target.matches(jobId, failure.getExperimentId()) || outcomes.containsKey(jobId)) {
            return Optional.empty();
        }
        see(jobId, failure.getModel());
        String model = modelByJob.getOrDefault(jobId, "");
        outcomes.put(jobId, new JobOutcome(jobId, model, null, failure));
        return Optional.of(ProgressFormat.failure(failure, model));
    }

    /**
     * Tells whether the follower can stop: every named job has ended, or for an experiment the expected number of
     * jobs has ended, or with no expected number every job seen so far has ended.
     *
     * @return true when following is complete
     */
    public boolean finished() {
        if (!target.jobIds().isEmpty()) {
            return outcomes.keySet().containsAll(target.jobIds());
        }
        if (target.expectedJobs() > 0) {
            return outcomes.size() >= target.expectedJobs();
        }
        // NOTE: without --jobs a job whose first event has not arrived yet is unknown, so the follower may stop
        // before a late job of the experiment starts.
        return !jobsSeen.isEmpty() && outcomes.keySet().containsAll(jobsSeen);
    }

    /** @return the ended jobs, in the order they were first seen */
    public List<JobOutcome> outcomes() {
        List<JobOutcome> ordered = new ArrayList<>();
        for (String jobId : jobsSeen) {
            JobOutcome outcome = outcomes.get(jobId);
            if (outcome != null) {
                ordered.add(outcome);
            }
        }
        return ordered;
    }

    /** @return true when every ended job succeeded and at least one job ended */
    public boolean allSucceeded() {
        return !outcomes.isEmpty() && outcomes.values().stream().allMatch(JobOutcome::succeeded);
    }

    /**
     * Describes the jobs still running, for a timeout message.
     *
     * @return for example {@code cnn-1 (epoch 3/20), mlp-1 (no epoch yet)}, or an empty string
     */
    public String describePending() {
        List<String> pending = new ArrayList<>();
        for (String jobId : jobsSeen) {
            if (outcomes.containsKey(jobId)) {
                continue;
            }
            EpochCompleted last = lastEpochByJob.get(jobId);
            if (last == null) {
                pending.add(jobId + " (no epoch yet)");
            } else if (last.getEpoch() >= last.getEpochs()) {
                pending.add(jobId + " (trained " + last.getEpochs() + " epochs, not evaluated yet)");
            } else {
                pending.add(jobId + " (epoch " + last.getEpoch() + "/" + last.getEpochs() + ")");
            }
        }
        if (target.jobIds().isEmpty() && target.expectedJobs() > jobsSeen.size()) {
            pending.add((target.expectedJobs() - jobsSeen.size()) + " job(s) with no event yet");
        }
        return String.join(", ", pending);
    }

    private void see(String jobId, String model) {
        jobsSeen.add(jobId);
        if (!model.isEmpty()) {
            modelByJob.put(jobId, model);
        }
    }
}
