package io.trainbus.ingestion.messaging;

import java.nio.charset.StandardCharsets;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import io.trainbus.common.messaging.EventPublisher;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.JobFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes ingestion's events keyed by job id through {@link EventPublisher}, which waits for the broker's
 * acknowledgement, so a failed send surfaces as an exception instead of a lost event.
 */
@ApplicationScoped
public class IngestionEvents {

    /** Header of a dead-letter record with the rejection reason, UTF-8. */
    public static final String HEADER_REASON = "trainbus.reason";
    /** Header of a dead-letter record with the request field at fault, empty when the bytes did not parse. */
    public static final String HEADER_FIELD = "trainbus.field";
    /** Header of a dead-letter record with the rejected value. */
    public static final String HEADER_VALUE = "trainbus.value";
    /** Header of a dead-letter record with the service that rejected it. */
    public static final String HEADER_STAGE = "trainbus.stage";

    @Inject
    EventPublisher publisher;

    @Inject
    @Channel("datasets-ingested")
    Emitter<byte[]> ingested;

    @Inject
    @Channel("jobs-failed")
    Emitter<byte[]> failed;

    @Inject
    @Channel("requests-dead-letter")
    Emitter<byte[]> deadLetter;

    /** Publishes a stored dataset to {@code trainbus.datasets.ingested}. */
    public void datasetIngested(DatasetIngested event) {
        publisher.publish(ingested, event.getRequest().getJobId(), "DatasetIngested", event.toByteArray());
    }

    /**
     * Publishes a failed job to {@code trainbus.jobs.failed}.
     *
     * @param key record key: the job id, or the rejected record's key when the request did not parse
     * @param event the failure
     */
    public void jobFailed(String key, JobFailed event) {
        publisher.publish(failed, key, "JobFailed", event.toByteArray());
    }

    /**
     * Publishes the original bytes of a rejected request to {@code trainbus.requests.dead-letter}, with the reason
     * in the headers.
     *
     * @param key the rejected record's key, possibly null
     * @param original the record value exactly as received
     * @param failure the JobFailed event that describes the rejection
     */
    public void deadLetter(String key, byte[] original, JobFailed failure) {
        OutgoingKafkaRecord<String, byte[]> record = KafkaRecord.of(key, original)
                .withHeader(HEADER_REASON, failure.getReason(), StandardCharsets.UTF_8)
                .withHeader(HEADER_FIELD, failure.getField(), StandardCharsets.UTF_8)
                .withHeader(HEADER_VALUE, failure.getValue(), StandardCharsets.UTF_8)
                .withHeader(HEADER_STAGE, failure.getStage(), StandardCharsets.UTF_8);
        publisher.publish(deadLetter, record, "dead-letter copy");
    }
}
