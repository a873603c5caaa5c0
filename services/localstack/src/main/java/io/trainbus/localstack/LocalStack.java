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

import io.trainbus.common.files.FolderTrees;
import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;
import io.trainbus.common.messaging.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
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

    /** Settings a restarted broker must reuse: its ports, cluster id and log folder. */
    private record KafkaSettings(int port, int controllerPort, String clusterId, Path logDir, int partitions) {
    }

    private final Options options;
    private final KafkaSettings kafka;
    private final int s3Port;
    private final String bootstrapServers;
    private EmbeddedKafkaBroker broker;
    private S3Proxy s3;

    private LocalStack(Options options, KafkaSettings kafka, int s3Port) {
        this.options = options;
        this.kafka = kafka;
        this.s3Port = s3Port;
        this.bootstrapServers = "127.0.0.1:" + kafka.port();
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
        // The broker's logs live in a fresh folder per stack, outside dataDir: a later stack formats its own cluster,
        // while a restart of this one finds its topics, offsets and cluster id again.
        KafkaSettings kafka = new KafkaSettings(kafkaPort, freePort(), Uuid.randomUuid().toString(),
                Files.createTempDirectory("trainbus-kafka"), options.partitions());
        LocalStack stack = new LocalStack(options, kafka, s3Port);
        stack.startKafka();
        stack.startS3();
        stack.createTopics();
        LOG.infof("Local stack ready: kafka=%s s3=%s data=%s", stack.bootstrapServers(), stack.s3Endpoint(),
                options.dataDir());
        return stack;
    }

    /**
     * Starts the broker on its ports with its log folder and cluster id, so that a restarted broker keeps every
     * topic, record and committed offset.
     */
    public synchronized void startKafka() {
        if (broker != null) {
            throw new IllegalStateException("The Kafka broker at " + bootstrapServers + " is already running");
        }
        broker = new EmbeddedKafkaBroker()
                .withKafkaHost("127.0.0.1")
                .withKafkaPort(kafka.port())
                .withControllerPort(kafka.controllerPort())
                .withClusterId(kafka.clusterId())
                .withDeleteLogDirsOnClose(false)
                .withAdditionalProperties(props -> {
                    props.setProperty("log.dir", kafka.logDir().toString());
                    props.setProperty("auto.create.topics.enable", "true");
                    props.setProperty("num.partitions", String.valueOf(kafka.partitions()));
                    props.setProperty("offsets.topic.replication.factor", "1");
                    props.setProperty("group.initial.rebalance.delay.ms", "0");
                })
                .start();
    }

    /** Stops the broker and keeps its log folder, for a later {@link #startKafka()}; for outage tests. */
    public synchronized void stopKafka() {
        if (broker != null) {
            broker.close();
            broker = null;
            LOG.infof("Kafka broker at %s stopped", bootstrapServers);
        }
    }

    /** Starts the S3 server on its port over the data folder, so that a restarted server serves the same objects. */
    public synchronized void startS3() throws Exception {
        if (s3 != null) {
            throw new IllegalStateException("The S3 server at " + s3Endpoint() + " is already running");
        }
        Path blobs = options.dataDir().resolve("s3");
        Files.createDirectories(blobs);
        S3Proxy server = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(blobs.toString()))
                .endpoint(URI.create(s3Endpoint()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, options.accessKey(), options.secretKey())
                .build();
        server.start();
        while (!"STARTED".equals(server.getState())) {
            if ("FAILED".equals(server.getState())) {
                throw new IllegalStateException("S3Proxy failed to start on " + s3Endpoint());
            }
            Thread.sleep(20);
        }
        s3 = server;
    }

    /** Stops the S3 server and keeps its objects, for a later {@link #startS3()}; for outage tests. */
    public synchronized void stopS3() throws Exception {
        if (s3 != null) {
            s3.stop();
            s3 = null;
            LOG.infof("S3 server at %s stopped", s3Endpoint());
        }
    }

    /** @return {@code host:port} for {@code bootstrap.servers} */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** @return base URL of the S3 API */
    public String s3Endpoint() {
        return "http://127.0.0.1:" + s3Port;
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

    /** Stops the S3 server and the broker; the broker's log folder is deleted, S3 data stays. */
    @Override
    public synchronized void close() {
        try {
            stopS3();
        } catch (Exception e) {
            LOG.warnf(e, "Stopping S3Proxy failed");
        }
        stopKafka();
        deleteTree(kafka.logDir());
        LOG.info("Local stack stopped");
    }

    /** Deletes a folder and everything below it, logging a warning instead of failing. */
    static void deleteTree(Path root) {
        try {
            FolderTrees.delete(root);
        } catch (IOException e) {
            LOG.warnf(e, "Deleting %s failed; delete it by hand", root);
        }
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
