package io.trainbus.evaluator.jobs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.RequestParser;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import org.jboss.logging.Logger;

/**
 * Every job seen on the event topics, with its state and epoch history, built only from Kafka records. Applying a
 * record twice changes nothing, so replaying the topics from the beginning after a restart gives the same state.
 * Thread-safe: the replay thread writes while HTTP threads read copies.
 */
public final class JobRegistry {

    /** The topics whose records change a job's state. */
    public static final List<String> TOPICS = List.of(Topics.REQUESTS, Topics.DATASETS_INGESTED,
            Topics.DATASETS_PREPARED, Topics.TRAINING_EPOCHS, Topics.TRAINING_COMPLETED, Topics.EVALUATIONS,
            Topics.JOBS_FAILED);
    private static final Logger LOG = Logger.getLogger(JobRegistry.class);

    private final Map<String, JobRecord> jobs = new HashMap<>();
    private long skippedRecords;

    /**
     * Applies one record.
     *
     * @param topic the record's topic, one of {@link #TOPICS}
     * @param key the record key, the job id
     * @param value the record value
     * @param timestampMs the record timestamp
     * @return true when the record named a job and was applied, false when it was skipped. Skipped records are
     *         counted and logged at debug only, because the service that owns the topic reports bad records itself.
     */
    public boolean apply(String topic, String key, byte[] value, long timestampMs) {
        try {
            boolean applied = applyParsed(topic, key, value == null ? new byte[0] : value, timestampMs);
            if (!applied) {
                skipped(topic, key, "it names no job");
            }
            return applied;
        } catch (InvalidProtocolBufferException | InvalidRequestException e) {
            skipped(topic, key, e.getMessage());
            return false;
        }
    }

    private boolean applyParsed(String topic, String key, byte[] value, long timestampMs)
            throws InvalidProtocolBufferException, InvalidRequestException {
        switch (topic) {
            case Topics.REQUESTS -> {
                TrainingRequest request = RequestParser.parse(value);
                return update(request.getJobId(), timestampMs, job -> job.request(request));
            }
            case Topics.DATASETS_INGESTED -> {
                TrainingRequest request = DatasetIngested.parseFrom(value).getRequest();
                return update(request.getJobId(), timestampMs, job -> {
                    job.request(request);
                    job.advance(JobState.INGESTED);
                });
            }
            case Topics.DATASETS_PREPARED -> {
                TrainingRequest request = DatasetPrepared.parseFrom(value).getRequest();
                return update(request.getJobId(), timestampMs, job -> {
                    job.request(request);
                    job.advance(JobState.PREPARED);
                });
            }
            case Topics.TRAINING_EPOCHS -> {
                EpochCompleted epoch = EpochCompleted.parseFrom(value);
                return update(epoch.getJobId(), timestampMs, job -> {
                    job.identify(epoch.getExperimentId(), epoch.getModel());
                    job.epoch(EpochEntry.of(epoch));
                    job.advance(JobState.TRAINING);
                });
            }
            case Topics.TRAINING_COMPLETED -> {
                TrainingCompleted completed = TrainingCompleted.parseFrom(value);
                return update(completed.getRequest().getJobId(), timestampMs, job -> {
                    job.request(completed.getRequest());
                    job.trained(completed.getBestEpoch());
                    job.advance(JobState.TRAINED);
                });
            }
            case Topics.EVALUATIONS -> {
                EvaluationCompleted evaluation = EvaluationCompleted.parseFrom(value);
                return update(evaluation.getJobId(), timestampMs, job -> {
                    job.identify(evaluation.getExperimentId(), evaluation.getModel());
                    job.trained(evaluation.getBestEpoch());
                    job.evaluated(evaluation.getTestAccuracy(), evaluation.getTestLoss(),
                            evaluation.getReport().getKey());
                    job.advance(JobState.EVALUATED);
                });
            }
            case Topics.JOBS_FAILED -> {
                JobFailed failure = JobFailed.parseFrom(value);
                return update(failure.getJobId(), timestampMs, job -> {
                    job.identify(failure.getExperimentId(), "");
                    job.failed(failure.getStage(), failure.getReason());
                    job.advance(JobState.FAILED);
                });
            }
            default -> throw new IllegalArgumentException("Topic " + topic + " is not one of " + TOPICS);
        }
    }

    private synchronized boolean update(String jobId, long timestampMs, Consumer<JobRecord> change) {
        if (jobId == null || jobId.isEmpty()) {
            return false;
        }
        JobRecord job = jobs.computeIfAbsent(jobId, JobRecord::new);
        change.accept(job);
        job.touched(timestampMs);
        return true;
    }

    private synchronized void skipped(String topic, String key, String reason) {
        skippedRecords++;
        LOG.debugf("Skipped a record of %s with key %s: %s", topic, key, reason);
    }

    /** @return the job, or empty when no record named it */
    public synchronized Optional<JobView> job(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(JobRecord::view);
    }

    /** @return every job, the most recently updated first */
    public synchronized List<JobView> jobs() {
        List<JobView> views = new ArrayList<>();
        jobs.values().forEach(job -> views.add(job.view()));
        views.sort(Comparator.comparingLong(JobView::updatedAtMs).reversed().thenComparing(JobView::jobId));
        return views;
    }

    /**
     * Lists the jobs of one experiment.
     *
     * @param experimentId the experiment
     * @return its jobs ordered by job id; empty when no job names it
     */
    public synchronized List<JobView> experiment(String experimentId) {
        return jobs.values().stream()
                .filter(job -> job.experimentId().equals(experimentId))
                .map(JobRecord::view)
                .sorted(Comparator.comparing(JobView::jobId))
                .toList();
    }

    /** @return the number of records skipped because they named no job or could not be parsed */
    public synchronized long skippedRecords() {
        return skippedRecords;
    }
}
