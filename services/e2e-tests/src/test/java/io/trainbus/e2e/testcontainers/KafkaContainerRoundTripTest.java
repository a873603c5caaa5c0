package io.trainbus.e2e.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import io.trainbus.common.messaging.Topics;
import io.trainbus.proto.v1.TrainingRequest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Sends a binary Protobuf request through a Kafka broker in Docker, the way the services exchange events. Skipped
 * when no Docker engine is reachable; the other tests use the in-JVM broker instead.
 */
@Testcontainers(disabledWithoutDocker = true)
class KafkaContainerRoundTripTest {

    // NOTE: the tag follows the Kafka client version that the Quarkus BOM manages (4.1.x). It was never pulled,
    // because the machine where this test was written has no Docker engine.
    @Container
    private static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @Test
    void requestSurvivesProduceAndConsume() throws Exception {
        String jobId = "tc-" + UUID.randomUUID();
        TrainingRequest request = TrainingRequest.newBuilder().setJobId(jobId).setModel("mlp").setEpochs(1).build();

        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, jobId, request.toByteArray())).get();
        }

        List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.getBootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "tc-test-" + UUID.randomUUID());
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REQUESTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(received::add);
            }
        }

        assertThat(received).as("records on " + Topics.REQUESTS).hasSize(1);
        assertThat(received.get(0).key()).isEqualTo(jobId);
        assertThat(TrainingRequest.parseFrom(received.get(0).value())).isEqualTo(request);
    }
}
