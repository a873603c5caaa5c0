package io.trainbus.evaluator.messaging;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code TrainingCompleted} from {@code trainbus.training.completed} (channel {@code training-completed})
 * and evaluates one job at a time. Blocking, because scoring the test split takes seconds to minutes.
 */
@ApplicationScoped
public class TrainingCompletedConsumer {

    @Inject
    EvaluationHandler handler;

    /** Evaluates the job of one record. The handler catches the job's failures, so the next record is processed. */
    @Incoming("training-completed")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        handler.handle(record.key(), record.value());
    }
}
