package io.trainbus.ingestion.messaging;

import io.trainbus.common.messaging.JobFailures;
import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.request.RequestParser;
import io.trainbus.common.request.RequestValidator;
import io.trainbus.ingestion.dataset.DatasetIngestion;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Handles one request record: parse, apply defaults, validate, then ingest the dataset. Every failure becomes a
 * {@code JobFailed} event, and a rejected request also goes to the dead-letter topic, so the consumer goes on.
 */
@ApplicationScoped
public class RequestHandler {

    static final String STAGE = "ingestion";
    private static final Logger LOG = Logger.getLogger(RequestHandler.class);

    @Inject
    DatasetIngestion ingestion;

    @Inject
    IngestionEvents events;

    /**
     * Processes one record of {@code trainbus.requests}. Catches every failure.
     *
     * @param key the record key, by convention the job id; may be null
     * @param value the request as JSON or binary Protobuf
     */
    public void handle(String key, byte[] value) {
        TrainingRequest parsed = TrainingRequest.getDefaultInstance();
        TrainingRequest request;
        try {
            parsed = RequestParser.parse(value);
            request = RequestDefaults.apply(parsed);
            RequestValidator.validate(request);
        } catch (InvalidRequestException e) {
            reject(key, value, parsed, e);
            return;
        }

        String jobId = request.getJobId();
        try {
            LOG.infof("job=%s ingesting dataset %s", jobId, request.getDataset().getName());
            DatasetIngested event = ingestion.ingest(request);
            events.datasetIngested(event);
            LOG.infof("job=%s dataset %s ingested (reused=%s)", jobId, event.getDatasetId(), event.getReused());
        } catch (Exception e) {
            String reason = "Ingestion of job " + jobId + " failed: " + e.getMessage();
            LOG.errorf(e, "job=%s %s", jobId, reason);
            publishFailure(jobId, () -> events.jobFailed(jobId, JobFailures.of(request, STAGE, reason)));
        }
    }

    private void reject(String key, byte[] value, TrainingRequest parsed, InvalidRequestException error) {
        String jobId = parsed.getJobId().isEmpty() ? "unknown" : parsed.getJobId();
        LOG.warnf("job=%s request rejected: %s", jobId, error.getMessage());
        var failure = JobFailures.invalid(parsed, STAGE, error);
        String recordKey = parsed.getJobId().isEmpty() ? key : parsed.getJobId();
        publishFailure(jobId, () -> {
            events.jobFailed(recordKey, failure);
            events.deadLetter(key, value == null ? new byte[0] : value, failure);
        });
    }

    private static void publishFailure(String jobId, Runnable publish) {
        try {
            publish.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "job=%s the failure could not be published", jobId);
        }
    }
}
