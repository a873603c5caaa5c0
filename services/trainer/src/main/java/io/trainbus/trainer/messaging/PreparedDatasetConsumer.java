package io.trainbus.trainer.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code DatasetPrepared} from {@code trainbus.datasets.prepared} (channel {@code datasets-prepared}) and
 * trains one job at a time. The method is blocking because a job runs for minutes to hours. The comments in
 * application.properties explain how the consumer stays in its group meanwhile.
 */
@ApplicationScoped
public class PreparedDatasetConsumer {

    @Inject
    TrainingJobHandler handler;

    /** Trains the job of one record. The handler catches the job's failures, so the next record is processed. */
    @Incoming("datasets-prepared")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        handler.handle(record.key(), record.value(), new TopicPartition(record.topic(), record.partition()));
    }
}
