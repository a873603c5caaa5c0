package io.trainbus.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.storage.ObjectStoreException;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackTest {

    @TempDir
    static Path dataDir;

    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, 0, dataDir, "access", "secret-for-test", 2));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void brokerRoundTripsRecord() {
        Properties producerProps = new Properties();
        producerProps.put("bootstrap.servers", stack.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerProps, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, "job-1", "hello")).get();
        } catch (Exception e) {
            throw new AssertionError("Producing to the local broker failed", e);
        }

        Properties consumerProps = new Properties();
        consumerProps.put("bootstrap.servers", stack.bootstrapServers());
        consumerProps.put("group.id", "local-stack-test");
        consumerProps.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerProps, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.REQUESTS));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            for (int i = 0; i < 50 && records.isEmpty(); i++) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertThat(records.count()).isEqualTo(1);
            assertThat(records.iterator().next().key()).isEqualTo("job-1");
            assertThat(records.iterator().next().value()).isEqualTo("hello");
        }
    }

    @Test
    void s3StoresAndListsObjects() {
        ObjectStore store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                "us-east-1", "trainbus");
        store.putBytes("a/b.txt", "content".getBytes(StandardCharsets.UTF_8), "text/plain");

        assertThat(store.size("a/b.txt")).contains(7L);
        assertThat(store.size("a/missing.txt")).isEmpty();
        assertThat(new String(store.getBytes("a/b.txt"), StandardCharsets.UTF_8)).isEqualTo("content");
        assertThat(store.list("a/")).containsExactly("a/b.txt");
    }

    @Test
    void s3RejectsWrongSecret() {
        assertThatThrownBy(() -> ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), "wrong-secret",
                "us-east-1", "other-bucket"))
                .isInstanceOf(ObjectStoreException.class);
    }

    @Test
    void servicePropertiesNameBothServers() {
        Map<String, String> props = stack.serviceProperties();

        assertThat(props.get("kafka.bootstrap.servers")).isEqualTo(stack.bootstrapServers());
        assertThat(props.get("trainbus.storage.endpoint")).startsWith("http://127.0.0.1:");
    }
}
