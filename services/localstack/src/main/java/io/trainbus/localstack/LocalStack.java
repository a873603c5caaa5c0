package io.trainbus.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.trainbus.common.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.jboss.logging.Logger;

/**
 * A real Kafka broker (KRaft, one node acting as broker and controller) and a real S3 server (S3Proxy on the local
 * filesystem) in this JVM, bound to 127.0.0.1. Used by the tests and by {@code make run}; not for production.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalStack.class);

    /** Settings of a stack; a port of 0 picks a free one. */
    public record Options(int kafkaPort, int s3Port, Path dataDir, String accessKey, String secretKey,
            int partitions) {
    }

    private final EmbeddedKafkaBroker broker;
    private final S3Proxy s3;
    private final Options options;
    private final String bootstrapServers;

    private LocalStack(EmbeddedKafkaBroker broker, S3Proxy s3, Options options, String bootstrapServers) {
        this.broker = broker;
        this.s3 = s3;
        this.options = options;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Starts the broker and the S3 server and creates every trainbus topic.
     *
     * @param options ports, data folder and credentials
     * @return the running stack
     * @throws Exception when either server fails to start
     */
    public static LocalStack start(Options options) throws Exception {
        Files.createDirectories(options.dataDir());
        int kafkaPort = options.kafkaPort() == 0 ? freePort() : options.kafkaPort();
        int s3Port = options.s3Port() == 0 ? freePort() : options.s3Port();

        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafkaPort)
                .withControllerPort(freePort())
                .withDeleteLogDirsOnClose(true)
                .withAdditionalProperties(props -> {
                    props.setProperty("auto.create.topics.enable", "true");
                    props.setProperty("num.partitions", String.valueOf(options.partitions()));
                    props.setProperty("offsets.topic.replication.factor", "1");
                    props.setProperty("group.initial.rebalance.delay.ms", "0");
                })
                .start();
        String bootstrap = broker.getAdvertisedListeners().replaceFirst("^PLAINTEXT://", "");

        Path blobs = options.dataDir().resolve("s3");
        Files.createDirectories(blobs);
        S3Proxy s3 = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + s3Port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, options.accessKey(), options.secretKey())
                .build();
        s3.start();
        while (!"STARTED".equals(s3.getState())) {
            Thread.sleep(20);
        }
        LocalStack stack = new LocalStack(broker, s3, options, bootstrap);
        stack.createTopics();
        LOG.infof("Local stack ready: kafka=%s s3=%s data=%s", bootstrap, stack.s3Endpoint(), options.dataDir());
        return stack;
    }

    /** @return {@code host:port} for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return base URL of the S3 API */
    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3.getPort();
    }

    /** @return the S3 access key */
    public String accessKey() {
        return options.accessKey();
    }

    /** @return the S3 secret key */
    public String secretKey() {
        return options.secretKey();
    }

    /**
     * Returns the configuration a trainbus service needs to use this stack, as property names.
     *
     * @return properties for {@code kafka.bootstrap.servers} and {@code trainbus.storage.*}
     */
    public Map<String, String> serviceProperties() {
        return Map.of(
                "kafka.bootstrap.servers", bootstrapServers,
                "trainbus.storage.endpoint", s3Endpoint(),
                "trainbus.storage.access-key", accessKey(),
                "trainbus.storage.secret-key", secretKey());
    }

    /**
     * Returns the same configuration as environment variables, for services started as processes.
     *
     * @return variables such as {@code KAFKA_BOOTSTRAP_SERVERS} and {@code TRAINBUS_STORAGE_ENDPOINT}
     */
    public Map<String, String> serviceEnvironment() {
        return Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", bootstrapServers,
                "TRAINBUS_STORAGE_ENDPOINT", s3Endpoint(),
                "TRAINBUS_STORAGE_ACCESS_KEY", accessKey(),
                "TRAINBUS_STORAGE_SECRET_KEY", secretKey());
    }

    private void createTopics() throws InterruptedException, ExecutionException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            List<NewTopic> topics = Topics.ALL.stream()
                    .map(name -> new NewTopic(name, options.partitions(), (short) 1))
                    .toList();
            try {
                admin.createTopics(topics).all().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
    }

    /** Stops the S3 server and the broker; the broker's log folders are deleted, S3 data stays. */
    @Override
    public void close() {
        try {
            s3.stop();
        } catch (Exception e) {
            LOG.warnf(e, "Stopping S3Proxy failed");
        }
        broker.close();
        LOG.info("Local stack stopped");
    }

    /** @return a TCP port that was free a moment ago on 127.0.0.1 */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
        }
    }
}
