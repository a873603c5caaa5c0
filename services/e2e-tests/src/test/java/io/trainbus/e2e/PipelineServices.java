package io.trainbus.e2e;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.trainbus.common.messaging.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The four pipeline services that end-to-end tests start as processes, and how they stop them. */
public final class PipelineServices {

    /**
     * JVM flags of each service, by its module folder under {@code services/}, in pipeline order. The heap limits
     * add up to about 2.3 GB; the trainer's and evaluator's tensors live off-heap, outside them.
     */
    public static final Map<String, List<String>> JVM_FLAGS = jvmFlags();

    private PipelineServices() {
    }

    private static Map<String, List<String>> jvmFlags() {
        Map<String, List<String>> flags = new LinkedHashMap<>();
        flags.put("ingestion", List.of("-Xmx384m"));
        flags.put("preprocessing", List.of("-Xmx768m"));
        flags.put("trainer", List.of("-Xmx768m"));
        flags.put("evaluator", List.of("-Xmx384m", "-Djava.awt.headless=true"));
        return flags;
    }

    /**
     * Publishes a training request, in its JSON form, to {@code trainbus.requests}, keyed by the job id.
     *
     * @param bootstrapServers Kafka {@code host:port}
     * @param jobId the record key
     * @param requestJson the Protobuf JSON mapping of {@code TrainingRequest}
     */
    public static void publishRequest(String bootstrapServers, String jobId, String requestJson) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, jobId, requestJson.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    /** Stops each service with SIGTERM, killing the ones that are still running after {@code grace}. */
    public static void stopAll(List<ServiceProcess> services, Duration grace) throws InterruptedException {
        for (ServiceProcess service : services) {
            if (!service.stop(grace)) {
                System.out.printf("%s did not stop within %d s of SIGTERM and was killed%n", service.name(),
                        grace.toSeconds());
            }
        }
    }
}
