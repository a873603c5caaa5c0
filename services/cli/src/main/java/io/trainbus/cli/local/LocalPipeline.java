package io.trainbus.cli.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

/**
 * Starts the local stack and the four services as separate processes under a {@link ProcessSupervisor}, on free
 * ports of 127.0.0.1, and waits until each is ready. Stopping is the supervisor's job.
 */
public final class LocalPipeline {

    private static final Logger LOG = Logger.getLogger(LocalPipeline.class);
    /**
     * JVM flags of the local stack. JBoss Logging, which the stack's code uses, expects its log manager to be
     * installed from the start and otherwise prints an error line first.
     */
    private static final List<String> LOCAL_STACK_JVM_FLAGS = List.of("-Xmx512m",
            "-Djava.util.logging.manager=org.jboss.logmanager.LogManager");

    private final RunLayout layout;
    private final ProcessSupervisor supervisor;
    private final ReadinessProbe probe = new ReadinessProbe();
    private final Map<PipelineService, Integer> ports = new LinkedHashMap<>();

    /**
     * @param layout where the jars are and where logs and data go
     * @param supervisor owner of the started processes
     */
    public LocalPipeline(RunLayout layout, ProcessSupervisor supervisor) {
        this.layout = layout;
        this.supervisor = supervisor;
    }

    /**
     * Starts the stack, then the services, and waits until all are ready.
     *
     * @param credentials S3 credentials for this run
     * @param sources the source of each dataset, which is also added to ingestion's allow-list
     * @param startupTimeout how long each process may take to become ready
     * @return the stack's addresses
     * @throws LocalRunException when a jar is missing, or a process fails or is not ready in time
     * @throws InterruptedException when the wait is interrupted
     */
    public StackEndpoints start(StorageCredentials credentials, DatasetSources sources, Duration startupTimeout)
            throws LocalRunException, InterruptedException {
        layout.checkJars();
        LOG.infof("Starting the local stack and the services; logs in %s", layout.logDir());
        StackEndpoints endpoints = startStack(credentials, startupTimeout);
        LOG.infof("Local stack ready: kafka=%s s3=%s", endpoints.bootstrapServers(), endpoints.s3Endpoint());

        Map<String, String> shared = new HashMap<>();
        shared.put("KAFKA_BOOTSTRAP_SERVERS", endpoints.bootstrapServers());
        shared.put("TRAINBUS_STORAGE_ENDPOINT", endpoints.s3Endpoint());
        shared.put("TRAINBUS_STORAGE_ACCESS_KEY", credentials.accessKey());
        shared.put("TRAINBUS_STORAGE_SECRET_KEY", credentials.secretKey());

        // Start all four before waiting, so their JVMs boot in parallel.
        Map<PipelineService, ManagedProcess> processes = new LinkedHashMap<>();
        for (PipelineService service : PipelineService.values()) {
            int port = freePort();
            ports.put(service, port);
            processes.put(service, startService(service, port, shared, sources));
        }
        for (PipelineService service : PipelineService.values()) {
            probe.awaitReady(processes.get(service), ports.get(service), startupTimeout);
            LOG.infof("%s ready on http://127.0.0.1:%d", service.serviceName(), ports.get(service));
        }
        return endpoints;
    }

    /**
     * Returns the base URL of a started service.
     *
     * @param service a service that {@link #start} started
     * @return {@code http://127.0.0.1:PORT}
     * @throws IllegalStateException when the service was not started
     */
    public URI serviceUrl(PipelineService service) {
        Integer port = ports.get(service);
        if (port == null) {
            throw new IllegalStateException("The " + service.serviceName() + " service was not started");
        }
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Starts the local stack and waits for its READY line.
     *
     * @param credentials S3 credentials the stack accepts
     * @param startupTimeout how long the stack may take to print READY
     * @return the stack's addresses
     * @throws LocalRunException when the stack exits or is not ready in time
     * @throws InterruptedException when the wait is interrupted
     */
    StackEndpoints startStack(StorageCredentials credentials, Duration startupTimeout)
            throws LocalRunException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(LOCAL_STACK_JVM_FLAGS);
        command.addAll(List.of("-jar", layout.localStackJar().toString(),
                "--kafka-port", String.valueOf(freePort()),
                "--s3-port", String.valueOf(freePort()),
                "--data-dir", layout.stackDataDir().toString()));
        Map<String, String> environment = Map.of(
                "TRAINBUS_STORAGE_ACCESS_KEY", credentials.accessKey(),
                "TRAINBUS_STORAGE_SECRET_KEY", credentials.secretKey());
        ManagedProcess stack = supervisor.start("localstack", command, environment, layout.home(),
                layout.logFile("localstack"));
        return StackEndpoints.parse(LogFiles.awaitLine(stack, "READY ", startupTimeout));
    }

    private ManagedProcess startService(PipelineService service, int port, Map<String, String> shared,
            DatasetSources sources) throws LocalRunException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(service.jvmFlags());
        command.addAll(List.of("-jar", layout.serviceJar(service).toString()));
        Map<String, String> environment = new HashMap<>(shared);
        environment.put("QUARKUS_HTTP_PORT", String.valueOf(port));
        if (service == PipelineService.INGESTION) {
            environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", sources.cifar10());
            environment.put("TRAINBUS_INGESTION_FASHION_MNIST_SOURCE", sources.fashionMnist());
            environment.putAll(IngestionSourceAccess.environment(sources.all(), System.getenv()));
        }
        if (service == PipelineService.TRAINER) {
            environment.put("TRAINBUS_TRAINER_WORK_DIR", layout.trainerWorkDir().toString());
        }
        return supervisor.start(service.serviceName(), command, environment, layout.home(),
                layout.logFile(service.serviceName()));
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Finds a free TCP port. Another program could take it before the process binds it; the process then fails
     * to start and the run reports its log.
     *
     * @return a port that was free on 127.0.0.1 a moment ago
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free TCP port on 127.0.0.1", e);
        }
    }
}
