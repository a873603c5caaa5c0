package io.trainbus.evaluator.jobs;

import java.util.ArrayList;
import java.util.Map;
import java.util.TreeMap;

import io.trainbus.proto.v1.TrainingRequest;

/** The mutable state of one job inside {@link JobRegistry}; only the registry touches it, under its lock. */
final class JobRecord {

    private final String jobId;
    private String experimentId = "";
    private String model = "";
    private JobState state = JobState.SUBMITTED;
    private int epochsPlanned;
    /** Keyed by epoch number, so a record delivered twice replaces itself. */
    private final Map<Integer, EpochEntry> epochs = new TreeMap<>();
    private int bestEpoch;
    private Double testAccuracy;
    private Double testLoss;
    private String failedStage;
    private String failureReason;
    private String reportKey;
    private long updatedAtMs;

    JobRecord(String jobId) {
        this.jobId = jobId;
    }

    /** Fills in the experiment, model and planned epochs from a request, keeping values already known. */
    void request(TrainingRequest request) {
        identify(request.getExperimentId(), request.getModel());
        if (request.hasEpochs() && epochsPlanned == 0) {
            epochsPlanned = request.getEpochs();
        }
    }

    void identify(String experiment, String modelName) {
        if (experimentId.isEmpty()) {
            experimentId = experiment;
        }
        if (model.isEmpty()) {
            model = modelName;
        }
    }

    /** Moves the state forward; a failed job stays failed. */
    void advance(JobState next) {
        if (state != JobState.FAILED && (next == JobState.FAILED || next.ordinal() > state.ordinal())) {
            state = next;
        }
    }

    void epoch(EpochEntry entry) {
        epochs.put(entry.epoch(), entry);
        epochsPlanned = entry.epochs();
    }

    void trained(int best) {
        bestEpoch = best;
    }

    void evaluated(double accuracy, double loss, String report) {
        testAccuracy = accuracy;
        testLoss = loss;
        reportKey = report;
    }

    void failed(String stage, String reason) {
        failedStage = stage;
        failureReason = reason;
    }

    void touched(long timestampMs) {
        updatedAtMs = Math.max(updatedAtMs, timestampMs);
    }

    String experimentId() {
        return experimentId;
    }

    JobView view() {
        return new JobView(jobId, experimentId, model, state, epochsPlanned, new ArrayList<>(epochs.values()),
                bestEpoch, testAccuracy, testLoss, failedStage, failureReason, reportKey, updatedAtMs);
    }
}
