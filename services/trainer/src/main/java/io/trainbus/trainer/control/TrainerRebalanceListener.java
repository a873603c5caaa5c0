package io.trainbus.trainer.control;

import java.util.Collection;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.trainbus.trainer.training.TrainerTimeouts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Stops the running job when Kafka takes its partition away, and returns only once it has stopped. Kafka runs this
 * callback inside the consumer's poll, and the rebalance does not complete (so no other member gets the partition)
 * until every member's callback has returned. The next owner therefore starts the job from its last checkpoint only
 * after this process has stopped it. SmallRye runs its own commit handler's revocation first, and the job's record
 * is acknowledged only after this callback, so its offset is not committed and the record is delivered again to
 * the next owner.
 */
@ApplicationScoped
@Identifier(TrainerRebalanceListener.NAME)
public class TrainerRebalanceListener implements KafkaConsumerRebalanceListener {

    /** Name in {@code consumer-rebalance-listener.name} of the datasets-prepared channel. */
    public static final String NAME = "trainer-rebalance";

    @Inject
    RunningJobs jobs;

    @Inject
    TrainerTimeouts config;

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        jobs.stopForRevokedPartitions(partitions, config.stopTimeout());
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        // The partitions already belong to another member; stop at once and let the ownership check fence us.
        jobs.stopForRevokedPartitions(partitions, config.stopTimeout());
    }
}
