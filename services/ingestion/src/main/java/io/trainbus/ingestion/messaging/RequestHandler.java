package io.trainbus.ingestion.messaging;

import java.time.Duration;

import io.trainbus.common.messaging.JobFailures;
import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.JobIds;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.request.RequestParser;
import io.trainbus.common.request.RequestValidator;
import io.trainbus.common.storage.ObjectStoreException;
import io.trainbus.ingestion.config.IngestionConfig;
import io.trainbus.ingestion.dataset.DatasetIngestion;
import io.trainbus.ingestion.metrics.IngestionMetrics;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Handles one request record: parse, apply defaults, validate, check the dataset source against the allow-list,
 * then ingest the dataset. Every failure becomes a {@code JobFailed} event, and a rejected request also goes to the
 * dead-letter topic, so the consumer goes on.
 */
@ApplicationScoped
public class RequestHandler {

    static final String STAGE = "ingestion";
    private static final Logger LOG = Logger.getLogger(RequestHandler.class);

    /**
     * Looked up per record, not injected, because creating it connects to the object store. When that fails (an
     * outage, a wrong secret) the job then fails with the cause instead of the record being dropped, and a later
     * record tries again.
     */
    @Inject
    Instance<DatasetIngestion> ingestions;

    @Inject
    IngestionConfig config;

    @Inject
    IngestionEvents events;

    @Inject
    IngestionMetrics metrics;

    /**
     * Processes one record of {@code trainbus.requests}. Catches every failure.
     *
     * @param key the record key, by convention the job id; may be null
     * @param value the request as JSON or binary Protobuf
     */
    public void handle(String key, byte[] value) {
        // Keeps the request as far as it was read and defaulted, so that a rejection names its job and experiment.
        TrainingRequest request = TrainingRequest.getDefaultInstance();
        DatasetIngestion ingestion;
        try {
            request = RequestParser.parse(value, config.maxRequestBytes());
            request = RequestDefaults.apply(request);
            RequestValidator.validate(request);
            ingestion = ingestions.get();
            ingestion.checkSource(request);
        } catch (InvalidRequestException e) {
            metrics.count(IngestionMetrics.Outcome.REJECTED);
            reject(key, value, request, e);
            return;
        } catch (RuntimeException e) {
            fail(request, e);
            return;
        }
        ingest(ingestion, request);
    }

    private void ingest(DatasetIngestion ingestion, TrainingRequest request) {
        String jobId = request.getJobId();
        long started = System.nanoTime();
        try {
            LOG.infof("job=%s ingesting dataset %s", jobId, request.getDataset().getName());
            DatasetIngested event = ingestion.ingest(request);
            events.datasetIngested(event);
            metrics.count(event.getReused() ? IngestionMetrics.Outcome.REUSED : IngestionMetrics.Outcome.INGESTED);
            LOG.infof("job=%s dataset %s ingested (reused=%s)", jobId, event.getDatasetId(), event.getReused());
        } catch (Exception e) {
            fail(request, e);
        } finally {
            metrics.recordDuration(Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private void fail(TrainingRequest request, Exception error) {
        String jobId = request.getJobId();
        metrics.count(IngestionMetrics.Outcome.FAILED);
        // The failure event carries the job id and the stage in separate fields, so the reason gives only the cause.
        String reason = describe(error);
        LOG.errorf(error, "job=%s ingestion failed: %s", jobId, reason);
        publishFailure(jobId, () -> events.jobFailed(jobId, JobFailures.of(request, STAGE, reason)));
    }

    /**
     * Returns the message of the object-store failure inside a bean-creation error. The container's own message
     * ("Error injecting ...") does not say what to fix, so it is skipped. Other errors keep their message.
     */
    private static String describe(Exception error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ObjectStoreException) {
                return cause.getMessage();
            }
        }
        return error.getMessage();
    }

    private void reject(String key, byte[] value, TrainingRequest request, InvalidRequestException error) {
        // A request too broken to name its job falls back to the record key, which publishers set to the job id,
        // so that `trainbus follow --job` still receives the failure.
        String failedJobId = request.getJobId().isEmpty() && JobIds.isValid(key) ? key : request.getJobId();
        String jobId = failedJobId.isEmpty() ? "unknown" : failedJobId;
        LOG.warnf("job=%s request rejected: %s", jobId, error.getMessage());
        JobFailed failure = JobFailures.invalid(request, STAGE, error).toBuilder().setJobId(failedJobId).build();
        String recordKey = request.getJobId().isEmpty() ? key : request.getJobId();
        publishFailure(jobId, () -> events.jobFailed(recordKey, failure));
        publishFailure(jobId, () -> events.deadLetter(key, value == null ? new byte[0] : value, failure));
    }

    private static void publishFailure(String jobId, Runnable publish) {
        try {
            publish.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "job=%s the failure could not be published", jobId);
        }
    }
}
