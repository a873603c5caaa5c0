package io.trainbus.preprocessing.messaging;

import java.time.Duration;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.messaging.JobFailures;
import io.trainbus.common.outcome.StageOutcomes;
import io.trainbus.common.request.PreprocessingDefaults;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.preprocessing.augment.AugmentationScheduler;
import io.trainbus.preprocessing.metrics.PreprocessingMetrics;
import io.trainbus.preprocessing.storage.DatasetPreparation;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Prepares one job's tensors per record and turns every failure into a {@code JobFailed} event. A record of a job
 * that this stage already ended is skipped, so a repeated {@code DatasetIngested} neither publishes a second
 * {@code DatasetPrepared} nor starts a second augmentation producer.
 */
@ApplicationScoped
public class PreparationHandler {

    public static final String STAGE = "preprocessing";
    private static final Logger LOG = Logger.getLogger(PreparationHandler.class);

    @Inject
    DatasetPreparation preparation;

    @Inject
    ObjectStore store;

    @Inject
    PreprocessingEvents events;

    @Inject
    PreprocessingMetrics metrics;

    @Inject
    AugmentationScheduler augmentation;

    /**
     * Prepares the tensors of one record and publishes {@code DatasetPrepared}. Catches every failure.
     *
     * @param key the record key, the job id
     * @param value binary Protobuf {@code DatasetIngested}
     */
    public void handle(String key, byte[] value) {
        DatasetIngested ingested;
        try {
            ingested = DatasetIngested.parseFrom(value == null ? new byte[0] : value);
        } catch (InvalidProtocolBufferException e) {
            fail(TrainingRequest.newBuilder().setJobId(key == null ? "" : key).build(), "The record with key " + key
                    + " is not a binary Protobuf DatasetIngested: " + e.getMessage(), e);
            return;
        }
        TrainingRequest request = ingested.getRequest();
        StageOutcomes outcomes = new StageOutcomes(store, STAGE);
        if (outcomes.alreadyEnded(request.getJobId())) {
            return;
        }
        long started = System.nanoTime();
        try {
            LOG.infof("job=%s preparing dataset %s (validation_size=%d train_limit=%d test_limit=%d)",
                    request.getJobId(), ingested.getDatasetId(), request.getDataset().getValidationSize(),
                    request.getDataset().getTrainLimit(), request.getDataset().getTestLimit());
            DatasetPrepared prepared = preparation.prepare(ingested);
            if (augments(request)) {
                // Before the event, so that the trainer's first EpochCompleted finds the stored state.
                augmentation.start(prepared);
            }
            events.datasetPrepared(prepared);
            outcomes.record(request.getJobId(), StageOutcomes.COMPLETED);
            metrics.count(prepared.getReused() ? PreprocessingMetrics.Outcome.REUSED
                    : PreprocessingMetrics.Outcome.PREPARED);
            LOG.infof("job=%s prepared %s: train=%d validation=%d test=%d (reused=%s)", request.getJobId(),
                    prepared.getPreparedId(), prepared.getTrain().getCount(), prepared.getValidation().getCount(),
                    prepared.getTest().getCount(), prepared.getReused());
        } catch (Exception e) {
            fail(request, e.getMessage() == null ? e.getClass().getName() : e.getMessage(), e);
        } finally {
            metrics.recordDuration(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static boolean augments(TrainingRequest request) {
        return PreprocessingDefaults.apply(request.getPreprocessing(), request.getModel()).getAugmentation()
                .getEnabled();
    }

    private void fail(TrainingRequest request, String reason, Throwable cause) {
        metrics.count(PreprocessingMetrics.Outcome.FAILED);
        LOG.errorf(cause, "job=%s preprocessing failed: %s", request.getJobId(), reason);
        try {
            events.jobFailed(JobFailures.of(request, STAGE, reason));
            new StageOutcomes(store, STAGE).record(request.getJobId(), StageOutcomes.FAILED);
        } catch (RuntimeException e) {
            LOG.errorf(e, "job=%s the JobFailed event could not be published", request.getJobId());
        }
    }
}
