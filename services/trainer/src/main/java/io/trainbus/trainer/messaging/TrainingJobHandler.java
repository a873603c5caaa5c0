package io.trainbus.trainer.messaging;

import java.nio.file.Path;
import java.util.Optional;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.messaging.JobFailures;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.outcome.StageOutcomes;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import io.trainbus.trainer.augment.AugmentedFeatures;
import io.trainbus.trainer.augment.PrefetchingEpochSource;
import io.trainbus.trainer.control.RunningJobs;
import io.trainbus.trainer.control.StopReason;
import io.trainbus.trainer.metrics.TrainingMetrics;
import io.trainbus.trainer.training.JobStoppedException;
import io.trainbus.trainer.training.TrainerConfig;
import io.trainbus.trainer.training.TrainingJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.TopicPartition;
import org.bytedeco.javacpp.Pointer;
import org.jboss.logging.Logger;

/**
 * Runs one training job per record and turns every failure into a {@code JobFailed} event. A record of a job that
 * this stage already ended (completed, failed or cancelled) is skipped, so a repeated request or a redelivered
 * record never trains a job twice. A job handed over to another trainer has not ended, so its record resumes it.
 */
@ApplicationScoped
public class TrainingJobHandler {

    static final String STAGE = "trainer";
    private static final String CANCELLED = "cancelled";
    private static final Logger LOG = Logger.getLogger(TrainingJobHandler.class);

    @Inject
    ObjectStore store;

    @Inject
    TrainerEvents events;

    @Inject
    TrainingMetrics metrics;

    @Inject
    TrainerConfig config;

    @Inject
    RunningJobs runningJobs;

    @Inject
    AugmentedFeatures augmentedFeatures;

    /**
     * Trains the job of one record and publishes its events. Catches every failure, so the consumer goes on.
     *
     * @param key the record key, the job id
     * @param value binary Protobuf {@code DatasetPrepared}
     */
    public void handle(String key, byte[] value) {
        handle(key, value, null);
    }

    /**
     * Trains the job of one record and publishes its events. Catches every failure, so the consumer goes on.
     *
     * @param key the record key, the job id
     * @param value binary Protobuf {@code DatasetPrepared}
     * @param partition the record's partition, so that a revocation of it stops the job; null when not from Kafka
     */
    public void handle(String key, byte[] value, TopicPartition partition) {
        DatasetPrepared prepared;
        try {
            prepared = DatasetPrepared.parseFrom(value == null ? new byte[0] : value);
        } catch (InvalidProtocolBufferException e) {
            fail(TrainingRequest.newBuilder().setJobId(key == null ? "" : key).build(),
                    "The record with key " + key + " is not a binary Protobuf DatasetPrepared: " + e.getMessage(), e);
            return;
        }
        TrainingRequest request = prepared.getRequest();
        if (outcomes().alreadyEnded(request.getJobId())) {
            return;
        }
        RunningJobs.Running running = runningJobs.start(request.getJobId(), partition);
        metrics.jobStarted(request.getJobId());
        Optional<PrefetchingEpochSource> augmented = augmentedFeatures.forRequest(request, running);
        try {
            TrainingJob job = new TrainingJob(store, workRoot(), (jobRequest, result, event, images) -> {
                events.epochCompleted(event);
                metrics.recordEpoch(jobRequest.getJobId(), jobRequest.getModel(), result, images);
            }, running);
            augmented.ifPresent(job::withEpochFeatures);
            TrainingCompleted completed = job.run(prepared);
            events.trainingCompleted(completed);
            outcomes().record(request.getJobId(), StageOutcomes.COMPLETED);
            metrics.jobEnded(request.getJobId(), TrainingMetrics.Outcome.COMPLETED);
        } catch (JobStoppedException e) {
            stopped(request, e);
        } catch (OutOfMemoryError e) {
            // JavaCPP throws OutOfMemoryError when off-heap memory would exceed org.bytedeco.javacpp.maxbytes, for
            // example for tensors too large for that limit. The heap is intact then, so the next job can still run.
            fail(request, "Training ran out of memory: " + e.getMessage()
                    + ". The off-heap limit org.bytedeco.javacpp.maxbytes is " + Pointer.maxBytes()
                    + " bytes and the process limit org.bytedeco.javacpp.maxphysicalbytes is "
                    + Pointer.maxPhysicalBytes() + " bytes: raise them (or -Xmx) and submit the job again", e);
        } catch (Exception e) {
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            fail(request, reason, e);
        } finally {
            augmented.ifPresent(PrefetchingEpochSource::close);
            runningJobs.finish(running);
        }
    }

    /** Reports a cancelled job; a job handed to another trainer reports nothing, its new owner goes on. */
    private void stopped(TrainingRequest request, JobStoppedException stop) {
        String jobId = request.getJobId();
        if (stop.reason() != StopReason.CANCELLED) {
            metrics.jobEnded(jobId, TrainingMetrics.Outcome.HANDED_OVER);
            LOG.infof("job=%s handed over (%s) after %d saved epochs; the trainer that gets its record resumes it",
                    jobId, stop.reason(), stop.epochsDone());
            return;
        }
        String reason = "Cancelled: job " + jobId + " was cancelled by a message on " + Topics.JOBS_CANCEL
                + " after " + stop.epochsDone() + " finished epochs. Its checkpoints stay under "
                + ObjectKeys.jobPrefix(jobId) + "checkpoints/; submit a new job id to train again";
        LOG.infof("job=%s %s", jobId, reason);
        metrics.jobEnded(jobId, TrainingMetrics.Outcome.CANCELLED);
        try {
            events.jobFailed(JobFailures.of(request, STAGE, reason));
            outcomes().record(jobId, CANCELLED);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job=%s the JobFailed event of the cancelled job could not be published", jobId);
        }
    }

    private void fail(TrainingRequest request, String reason, Throwable cause) {
        // The failure event carries the job id and the stage in separate fields, so the reason gives only the cause.
        LOG.errorf(cause, "job=%s training failed: %s", request.getJobId(), reason);
        metrics.jobEnded(request.getJobId(), TrainingMetrics.Outcome.FAILED);
        try {
            events.jobFailed(JobFailures.of(request, STAGE, reason));
            outcomes().record(request.getJobId(), StageOutcomes.FAILED);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job=%s the JobFailed event could not be published", request.getJobId());
        }
    }

    private StageOutcomes outcomes() {
        return new StageOutcomes(store, STAGE);
    }

    private Path workRoot() {
        return config.workDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    }
}
