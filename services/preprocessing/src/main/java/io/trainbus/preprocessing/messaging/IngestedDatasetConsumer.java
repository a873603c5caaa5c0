package io.trainbus.preprocessing.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code DatasetIngested} from {@code trainbus.datasets.ingested} (channel {@code datasets-ingested}).
 * Blocking, because a preparation downloads, encodes and uploads up to about 1 GB.
 */
@ApplicationScoped
public class IngestedDatasetConsumer {

    @Inject
    PreparationHandler handler;

    /** Prepares the tensors of one record. The handler catches every failure, so the next record is processed. */
    @Incoming("datasets-ingested")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        handler.handle(record.key(), record.value());
    }
}
