package io.trainbus.ingestion.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads training requests from {@code trainbus.requests} (channel {@code requests}). Blocking, because a first
 * request may download and unpack the dataset.
 */
@ApplicationScoped
public class RequestConsumer {

    @Inject
    RequestHandler handler;

    /** Ingests the dataset of one request. The handler catches every failure, so the next record is processed. */
    @Incoming("requests")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        handler.handle(record.key(), record.value());
    }
}
