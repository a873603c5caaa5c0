package io.trainbus.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.messaging.Topics;
import io.trainbus.proto.v1.JobFailed;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Test helper that waits for a job's record on a topic of the local broker. On timeout the error includes the
 * reasons of the job's JobFailed events, which usually explain why the record never arrived.
 */
public final class JobRecordWaits {

    private static final Duration POLL = Duration.ofMillis(500);

    private JobRecordWaits() {
    }

    /**
     * Returns the first record keyed {@code jobId} on {@code topic}, reading from the earliest offset.
     *
     * @param bootstrapServers the broker, for example {@link LocalStackTestResource#current()}'s
     * @param topic the topic to wait on
     * @param jobId the record key
     * @param timeout how long to wait
     * @return the record
     * @throws AssertionError on timeout, naming the JobFailed reasons seen for the job
     */
    public static ConsumerRecord<String, byte[]> await(String bootstrapServers, String topic, String jobId,
            Duration timeout) {
        List<String> failures = new ArrayList<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "trainbus-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic, Topics.JOBS_FAILED));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (!jobId.equals(record.key())) {
                        continue;
                    }
                    if (record.topic().equals(topic)) {
                        return record;
                    }
                    failures.add(reason(record.value()));
                }
            }
        }
        throw new AssertionError("No record with key " + jobId + " on " + topic + " within " + timeout
                + "; JobFailed reasons of that key: " + failures);
    }

    private static String reason(byte[] value) {
        try {
            return JobFailed.parseFrom(value).getReason();
        } catch (InvalidProtocolBufferException e) {
            return "(not a JobFailed: " + e.getMessage() + ")";
        }
    }
}
