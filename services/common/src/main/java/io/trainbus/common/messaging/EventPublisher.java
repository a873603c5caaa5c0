package io.trainbus.common.messaging;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.OutgoingKafkaRecord;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.ObjectRef;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Sends the services' records and waits for the broker's acknowledgement, so that a failed send surfaces as an
 * exception in the caller rather than a lost event, and one job's events stay in order. A record whose value and
 * key exceed {@code trainbus.messaging.max-inline-bytes} is never produced as it is: its value goes to the object
 * store and the record carries a {@link ClaimCheck} in its place, with the original headers kept.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);

    @Inject
    MessagingConfig config;

    /** Resolved only for the first oversized record, so services that never send one never connect for it. */
    @Inject
    Instance<ObjectStore> store;

    /**
     * Sends a value keyed by job id and waits for the acknowledgement.
     *
     * @param emitter the outgoing channel
     * @param jobId the record key
     * @param eventType the event's name for messages, for example {@code JobFailed}
     * @param value the encoded event
     * @throws IllegalStateException when the broker rejects the record or does not acknowledge it in time
     */
    public void publish(Emitter<byte[]> emitter, String jobId, String eventType, byte[] value) {
        publish(emitter, KafkaRecord.of(jobId, value), eventType);
    }

    /**
     * Sends a record with its headers and waits for the acknowledgement.
     *
     * @param emitter the outgoing channel
     * @param record the record; its key names the job in messages
     * @param eventType the event's name for messages
     * @throws IllegalStateException when the broker rejects the record or does not acknowledge it in time
     */
    public void publish(Emitter<byte[]> emitter, OutgoingKafkaRecord<String, byte[]> record, String eventType) {
        OutgoingKafkaRecord<String, byte[]> sendable = withinLimit(record, eventType);
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        emitter.send(sendable
                .withAck(() -> {
                    acknowledged.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(error -> {
                    acknowledged.completeExceptionally(error);
                    return CompletableFuture.completedFuture(null);
                }));
        await(acknowledged, record.getKey(), eventType);
    }

    private OutgoingKafkaRecord<String, byte[]> withinLimit(OutgoingKafkaRecord<String, byte[]> record,
            String eventType) {
        long size = ClaimCheck.inlineSize(record.getKey(), record.getPayload());
        if (size <= config.maxInlineBytes()) {
            return record;
        }
        ObjectRef ref = ClaimCheck.store(store.get(), record.getPayload());
        LOG.infof("%s of job %s takes %d bytes, above trainbus.messaging.max-inline-bytes=%d; sending a claim check"
                + " to s3://%s/%s", eventType, record.getKey(), size, config.maxInlineBytes(), ref.getBucket(),
                ref.getKey());
        OutgoingKafkaRecord<String, byte[]> reference = KafkaRecord.of(record.getKey(), ref.toByteArray());
        for (Header header : record.getHeaders()) {
            reference = reference.withHeader(header.key(), header.value());
        }
        return reference.withHeader(ClaimCheck.HEADER, ClaimCheck.headerValue());
    }

    private void await(CompletableFuture<Void> acknowledged, String jobId, String eventType) {
        long timeoutSeconds = config.sendTimeout().toSeconds();
        try {
            acknowledged.get(config.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing the " + eventType + " of job " + jobId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing the " + eventType + " of job " + jobId + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Publishing the " + eventType + " of job " + jobId + " timed out after "
                    + timeoutSeconds + " s. Check that Kafka at kafka.bootstrap.servers is reachable, or raise"
                    + " trainbus.messaging.send-timeout.", e);
        }
    }
}
