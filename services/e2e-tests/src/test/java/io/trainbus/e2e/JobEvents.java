package io.trainbus.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Collects the records of one job from the pipeline's topics with a consumer group of its own. */
public final class JobEvents {

    private JobEvents() {
    }

    /**
     * Reads every record keyed by the job until one arrives on a final topic or the timeout expires.
     *
     * @param bootstrapServers Kafka {@code host:port}
     * @param jobId the record key to keep
     * @param topics topics to read, from their beginning
     * @param finalTopics topics whose first record of the job ends the wait
     * @param timeout how long to wait for a final record
     * @return the job's records sorted by their timestamps, which the producing services set when they publish
     */
    public static List<ConsumerRecord<String, byte[]>> collect(String bootstrapServers, String jobId,
            List<String> topics, Set<String> finalTopics, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(topics);
            long deadline = System.nanoTime() + timeout.toNanos();
            boolean finished = false;
            while (!finished && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(record.key())) {
                        records.add(record);
                        finished |= finalTopics.contains(record.topic());
                    }
                }
            }
        }
        records.sort(Comparator.comparingLong(ConsumerRecord::timestamp));
        return records;
    }
}
