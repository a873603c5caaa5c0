package io.trainbus.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.trainbus.common.storage.ClientLimits;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.storage.ObjectStoreException;
import io.trainbus.common.storage.ObjectStoreMetrics;
import io.trainbus.common.storage.RetrySettings;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping and starting each server of a stack keeps its port and its data. */
class LocalStackRestartTest {

    private static final String TOPIC = "restart-test";

    @TempDir
    static Path dataDir;

    static LocalStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, 0, dataDir, "access", "secret-for-restart", 1));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    @Test
    void s3RestartKeepsObjects() throws Exception {
        // One attempt only: the call while the server is down must fail at once.
        ClientLimits noRetry = new ClientLimits(Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetrySettings(1, Duration.ofSeconds(1), Duration.ofMillis(10), Duration.ofMillis(10), 0));
        ObjectStore store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(),
                "us-east-1", "trainbus", ObjectStoreMetrics.disabled(), noRetry);
        store.putBytes("kept.txt", "before".getBytes(StandardCharsets.UTF_8), "text/plain");

        stack.stopS3();
        assertThatThrownBy(() -> store.getBytes("kept.txt")).isInstanceOf(ObjectStoreException.class);
        stack.startS3();

        assertThat(new String(store.getBytes("kept.txt"), StandardCharsets.UTF_8)).isEqualTo("before");
    }

    @Test
    void storeRetriesThroughShortOutage() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ObjectStore store = storeWithRetries(new ObjectStoreMetrics(registry), Duration.ofSeconds(30));
        store.putBytes("outage.txt", "kept".getBytes(StandardCharsets.UTF_8), "text/plain");

        stack.stopS3();
        Thread restarter = new Thread(() -> {
            try {
                Thread.sleep(2000);
                stack.startS3();
            } catch (Exception e) {
                throw new IllegalStateException("Restarting S3 failed", e);
            }
        });
        restarter.start();
        byte[] read = store.getBytes("outage.txt");
        restarter.join();

        assertThat(new String(read, StandardCharsets.UTF_8)).isEqualTo("kept");
        assertThat(retries(registry, "get")).isPositive();
    }

    @Test
    void storeGivesUpAfterRetryLimit() throws Exception {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ObjectStore store = storeWithRetries(new ObjectStoreMetrics(registry), Duration.ofSeconds(2));
        stack.stopS3();
        try {
            assertThatThrownBy(() -> store.getBytes("outage.txt"))
                    .isInstanceOf(ObjectStoreException.class)
                    .hasMessageContaining("s3://trainbus/outage.txt")
                    .hasMessageContaining("trainbus.storage.retry.max-duration=PT2S");
        } finally {
            stack.startS3();
        }
        assertThat(retries(registry, "get")).isPositive();
    }

    @Test
    void storeDoesNotRetryMissingObject() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ObjectStore store = storeWithRetries(new ObjectStoreMetrics(registry), Duration.ofSeconds(30));

        assertThatThrownBy(() -> store.getBytes("never-written.txt")).isInstanceOf(ObjectStoreException.class);
        assertThat(store.size("never-written.txt")).isEmpty();
        assertThat(retries(registry, "get")).isZero();
        assertThat(retries(registry, "stat")).isZero();
    }

    @Test
    void storeDoesNotRetryWrongSecret() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        long started = System.nanoTime();

        assertThatThrownBy(() -> ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), "wrong-secret",
                "us-east-1", "trainbus", new ObjectStoreMetrics(registry), ClientLimits.DEFAULTS))
                .isInstanceOf(ObjectStoreException.class);
        assertThat(retries(registry, "stat")).isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(RetrySettings.DEFAULTS.maxDuration());
    }

    private static ObjectStore storeWithRetries(ObjectStoreMetrics metrics, Duration maxDuration) {
        ClientLimits limits = new ClientLimits(Duration.ofSeconds(2), Duration.ofSeconds(5),
                new RetrySettings(100, maxDuration, Duration.ofMillis(100), Duration.ofMillis(500), 0.25));
        return ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                "trainbus", metrics, limits);
    }

    private static double retries(SimpleMeterRegistry registry, String operation) {
        return registry.get("trainbus.object.store.retries").tag("operation", operation).counter().count();
    }

    @Test
    void kafkaRestartKeepsRecordsOffsetsAndClusterId() throws Exception {
        String clusterBefore = clusterId();
        produce("first");
        List<String> beforeRestart = consume(1);
        assertThat(beforeRestart).containsExactly("first");

        stack.stopKafka();
        stack.startKafka();
        produce("second");

        assertThat(clusterId()).isEqualTo(clusterBefore);
        // The group committed "first" before the restart, so only the new record is delivered.
        assertThat(consume(1)).containsExactly("second");
    }

    private static String clusterId() throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            return admin.describeCluster().clusterId().get();
        }
    }

    private static void produce(String value) throws Exception {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, "job-1", value)).get();
        }
    }

    private static List<String> consume(int expected) {
        Properties props = new Properties();
        props.put("bootstrap.servers", stack.bootstrapServers());
        props.put("group.id", "restart-test");
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            for (int i = 0; i < 100 && values.size() < expected; i++) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            consumer.commitSync();
        }
        return values;
    }
}
