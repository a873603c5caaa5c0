package io.trainbus.e2e.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The events the pipeline's topics contain for one job: its final events and how often each piece of training work was
 * reported. Filled from records in any order; a record counts once per read.
 */
final class JobTally {

    private int ingested;
    private int prepared;
    private int trainingCompleted;
    private int evaluationCompleted;
    private final Map<Integer, Integer> epochs = new TreeMap<>();
    private final List<String> failureReasons = new ArrayList<>();

    void ingested() {
        ingested++;
    }

    void prepared() {
        prepared++;
    }

    void epochCompleted(int epoch) {
        epochs.merge(epoch, 1, Integer::sum);
    }

    void trainingCompleted() {
        trainingCompleted++;
    }

    void evaluationCompleted() {
        evaluationCompleted++;
    }

    void failed(String reason) {
        failureReasons.add(reason);
    }

    /** True when an {@code EvaluationCompleted} ended the job. */
    boolean completed() {
        return evaluationCompleted > 0;
    }

    /** True when a {@code JobFailed} with a non-blank reason ended the job and nothing completed it. */
    boolean failedWithReason() {
        return !completed() && failureReasons.stream().anyMatch(reason -> !reason.isBlank());
    }

    /** True when the job has no final event that accounts for it: it is lost. */
    boolean lost() {
        return !completed() && !failedWithReason();
    }

    /** True when the topics show both a completion and a failure of the job: two runs ended it differently. */
    boolean completedAndFailed() {
        return completed() && !failureReasons.isEmpty();
    }

    /** Returns the first failure reason, or an empty string. */
    String failureReason() {
        return failureReasons.isEmpty() ? "" : failureReasons.get(0);
    }

    /**
     * Describes every sign that the job was trained or evaluated more than once: more than one
     * {@code TrainingCompleted} or {@code EvaluationCompleted}, or an epoch reported twice. The trainer publishes an
     * epoch's {@code EpochCompleted} only after that epoch's checkpoint is stored, so an epoch interrupted by a crash
     * and trained again is reported once, while an epoch trained again from scratch is reported twice.
     *
     * @return the findings, empty when the job was trained and evaluated at most once
     */
    List<String> repeatedWork() {
        List<String> findings = new ArrayList<>();
        if (trainingCompleted > 1) {
            findings.add(trainingCompleted + " TrainingCompleted");
        }
        if (evaluationCompleted > 1) {
            findings.add(evaluationCompleted + " EvaluationCompleted");
        }
        epochs.forEach((epoch, count) -> {
            if (count > 1) {
                findings.add("epoch " + epoch + " reported " + count + " times");
            }
        });
        return findings;
    }

    /** Records on the ingested and prepared topics beyond one each: repeats that later stages had to absorb. */
    int repeatedStageEvents() {
        return Math.max(0, ingested - 1) + Math.max(0, prepared - 1);
    }
}
