package io.trainbus.cli.follow;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.messaging.ClaimCheck;
import io.trainbus.common.messaging.Topics;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the epoch, evaluation and failure topics from their beginning and feeds a {@link FollowState} until the
 * followed jobs have ended or the timeout expires. The consumer assigns itself every partition and joins no
 * group, so it commits nothing and any number of followers can run at once.
 */
public final class JobFollower {

    /** The topics a follower reads. */
    public static final List<String> TOPICS = List.of(Topics.TRAINING_EPOCHS, Topics.EVALUATIONS,
            Topics.JOBS_FAILED);

    private static final Logger LOG = Logger.getLogger(JobFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

    private final String bootstrapServers;

    /**
     * @param bootstrapServers Kafka bootstrap servers
     */
    public JobFollower(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Follows jobs, printing one line per event as it arrives.
     *
     * @param state the jobs to follow and what has been seen of them
     * @param timeout how long to wait for the jobs to end
     * @param out where the lines go
     * @return true when every followed job ended, false when the timeout expired first
     * @throws FollowException when Kafka cannot be reached or a topic is missing
     */
    public boolean follow(FollowState state, Duration timeout, PrintWriter out) throws FollowException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = createConsumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);

            // Past events arrive topic by topic, so an evaluation could come before the epochs of its job. Read
            // everything published so far first and replay it in publication order.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
            List<ConsumerRecord<String, byte[]>> backlog = new ArrayList<>();
            while (!reached(consumer, ends)) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                consumer.poll(POLL).forEach(backlog::add);
            }
            handle(backlog, state, out);

            while (!state.finished()) {
                if (System.nanoTime() - deadline > 0) {
                    return false;
                }
                List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
                consumer.poll(POLL).forEach(batch::add);
                handle(batch, state, out);
            }
            return true;
        } catch (KafkaException e) {
            throw new FollowException("Reading events from Kafka at " + bootstrapServers + " failed: "
                    + e.getMessage() + ". Check that Kafka runs there or pass --bootstrap-servers.", e);
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> ends) {
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            if (consumer.position(end.getKey(), METADATA_TIMEOUT) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Feeds records to the state in order of their timestamps, which the producers set when they publish. */
    private static void handle(List<ConsumerRecord<String, byte[]>> records, FollowState state, PrintWriter out) {
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        for (ConsumerRecord<String, byte[]> record : records) {
            if (ClaimCheck.isClaimCheck(record.headers())) {
                // The payload sits in the object store, which this command has no credentials for.
                LOG.warnf("Skipping record %s-%d@%d of job %s: the event was stored in the object store as a claim"
                        + " check because it exceeded the inline size limit; read the job's state from the"
                        + " evaluator's /api/jobs instead", record.topic(), record.partition(), record.offset(),
                        record.key());
                continue;
            }
            Optional<String> line;
            try {
                line = parseAndAccept(record, state);
            } catch (InvalidProtocolBufferException e) {
                LOG.warnf("Skipping record %s-%d@%d of job %s: it is not valid Protobuf (%s)", record.topic(),
                        record.partition(), record.offset(), record.key(), e.getMessage());
                continue;
            }
            line.ifPresent(text -> {
                out.println(text);
                out.flush();
            });
        }
    }

    private static Optional<String> parseAndAccept(ConsumerRecord<String, byte[]> record, FollowState state)
            throws InvalidProtocolBufferException {
        return switch (record.topic()) {
            case Topics.TRAINING_EPOCHS -> state.accept(EpochCompleted.parseFrom(record.value()));
            case Topics.EVALUATIONS -> state.accept(EvaluationCompleted.parseFrom(record.value()));
            default -> state.accept(JobFailed.parseFrom(record.value()));
        };
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer) throws FollowException {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : TOPICS) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
            if (infos == null || infos.isEmpty()) {
                throw new FollowException("Topic " + topic + " does not exist at " + bootstrapServers
                        + ". Start the trainbus stack there (make run creates the topics) or pass the right "
                        + "--bootstrap-servers.", null);
            }
            for (PartitionInfo info : infos) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        return partitions;
    }

    private KafkaConsumer<String, byte[]> createConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainbus-cli-follow");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(METADATA_TIMEOUT.toMillis()));
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Following failed before the jobs could be watched; the message names the cause and what to check. */
    public static class FollowException extends Exception {

        /**
         * @param message what failed and what to check
         * @param cause the Kafka error, or null
         */
        public FollowException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
