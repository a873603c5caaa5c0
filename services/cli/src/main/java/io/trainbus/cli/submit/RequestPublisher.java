package io.trainbus.cli.submit;

import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.trainbus.common.messaging.Topics;
import io.trainbus.proto.v1.TrainingRequest;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Publishes training requests to {@value Topics#REQUESTS}, keyed by job id, and waits for the broker's ack. */
public final class RequestPublisher implements AutoCloseable {

    /** Encoding of the record value. */
    public enum Format {
        /** The Protobuf JSON mapping, readable with any Kafka console tool. */
        JSON,
        /** Binary Protobuf. */
        BINARY
    }

    /** Upper bound on connecting and on the ack of one request. */
    private static final long SEND_TIMEOUT_MS = 20_000;

    private final String bootstrapServers;
    private final KafkaProducer<String, byte[]> producer;

    /**
     * Creates a producer; it connects on the first send.
     *
     * @param bootstrapServers Kafka bootstrap servers
     */
    public RequestPublisher(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "trainbus-cli");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(SEND_TIMEOUT_MS));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(SEND_TIMEOUT_MS / 2));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(SEND_TIMEOUT_MS));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Encodes a request as a record value.
     *
     * @param request a validated request
     * @param format JSON or binary
     * @return the bytes to publish
     */
    public static byte[] encode(TrainingRequest request, Format format) {
        if (format == Format.BINARY) {
            return request.toByteArray();
        }
        try {
            return JsonFormat.printer().print(request).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            // Only Any fields with unknown types fail to print, and TrainingRequest has none.
            throw new IllegalStateException("Printing request " + request.getJobId() + " as JSON failed", e);
        }
    }

    /**
     * Publishes one request and waits until the broker has stored it.
     *
     * @param request a validated request
     * @param format JSON or binary
     * @return where the record was stored
     * @throws PublishException when the broker cannot be reached or rejects the record
     */
    public RecordMetadata publish(TrainingRequest request, Format format) throws PublishException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.REQUESTS, request.getJobId(),
                encode(request, format));
        try {
            return producer.send(record).get(SEND_TIMEOUT_MS + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("Publishing job " + request.getJobId() + " was interrupted", e);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new PublishException("Publishing job " + request.getJobId() + " to " + Topics.REQUESTS + " at "
                    + bootstrapServers + " failed: " + withoutFinalPeriod(cause.getMessage())
                    + ". Check that Kafka runs there (make run starts one) or pass --bootstrap-servers.", cause);
        }
    }

    private static String withoutFinalPeriod(String text) {
        return text != null && text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }

    /** Publishing a request failed; the message names the broker, the cause and what to check. */
    public static class PublishException extends Exception {

        /**
         * @param message what failed and what to check
         * @param cause the Kafka error
         */
        public PublishException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
