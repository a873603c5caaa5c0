package io.trainbus.e2e.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.e2e.AppSnapshot;
import io.trainbus.e2e.PipelineServices;
import io.trainbus.e2e.ServiceProcess;
import io.trainbus.localstack.LocalStack;

/**
 * The in-JVM broker and S3 server with the packaged services as processes, shared by the fault scenarios: one
 * ingestion, one preprocessing, two trainers ({@code trainer-a}, {@code trainer-b}) in one consumer group, and one
 * evaluator. Instances are addressed by name, so a scenario can kill one and start it again.
 */
final class FaultStack implements AutoCloseable {

    /**
     * Consumer session timeout of the trainers' and the evaluator's job consumers, in milliseconds: the time after
     * which the broker gives a killed instance's partitions to another member. The broker's default minimum is
     * 6 s; the services' default is Kafka's 45 s, which would make every hand-over in these tests that long.
     */
    static final int SESSION_TIMEOUT_MS = 6000;
    private static final int HEARTBEAT_INTERVAL_MS = 1000;
    /** Five JVMs boot at once on a shared 2-core machine, where each took 20 to 30 s under load. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;

    private final Path home;
    private final Path target;
    private final LocalStack stack;
    private final ObjectStore store;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final Map<String, ServiceProcess> running = new ConcurrentHashMap<>();
    private final List<ServiceProcess> everyProcess = new ArrayList<>();
    private final Thread killOnExit = new Thread(() -> running.values().forEach(ServiceProcess::kill));

    private FaultStack(Path home, Path target, LocalStack stack) {
        this.home = home;
        this.target = target;
        this.stack = stack;
        this.store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                "trainbus");
    }

    /**
     * Starts the broker, the S3 server and the five service processes, and waits until each is ready.
     *
     * @param home the checkout, with the packaged services under {@code services/<name>/target/quarkus-app}
     * @param cifar10 the CIFAR-10 binary archive ingestion reads
     * @return the running stack; close it to stop everything
     */
    static FaultStack start(Path home, Path cifar10) throws Exception {
        Path target = home.resolve("services/e2e-tests/target");
        FolderTrees.delete(target.resolve("faults-stack"));
        LocalStack stack = LocalStack.start(new LocalStack.Options(0, 0, target.resolve("faults-stack"),
                "faults-access", UUID.randomUUID().toString(), 2));
        FaultStack faults = new FaultStack(home, target, stack);
        Runtime.getRuntime().addShutdownHook(faults.killOnExit);
        try {
            faults.environment.putAll(stack.serviceEnvironment());
            faults.environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", cifar10.toString());
            faults.environment.put("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", cifar10.toString());
            faults.environment.put("TRAINBUS_INGESTION_CACHE_DIR",
                    target.resolve("faults-work/ingestion-cache").toString());
            faults.environment.put("TRAINBUS_EVALUATOR_WORK_DIR", target.resolve("faults-work/evaluator").toString());
            // Start every JVM before waiting for any, so they boot in parallel.
            List<String> names = List.of("ingestion", "preprocessing", "trainer-a", "trainer-b", "evaluator");
            for (String name : names) {
                faults.launch(name);
            }
            for (String name : names) {
                faults.service(name).awaitReady(READY_TIMEOUT);
            }
            return faults;
        } catch (Exception | Error e) {
            faults.close(true);
            throw e;
        }
    }

    String bootstrapServers() {
        return stack.bootstrapServers();
    }

    ObjectStore store() {
        return store;
    }

    /** Returns the S3 credentials the services got, by name, for a scan of their logs. */
    Map<String, String> credentials() {
        return Map.of("S3 access key", stack.accessKey(), "S3 secret key", stack.secretKey());
    }

    /** Returns the running instance of that name. */
    ServiceProcess service(String name) {
        ServiceProcess service = running.get(name);
        if (service == null) {
            throw new IllegalStateException("No " + name + " instance is running; running: " + running.keySet());
        }
        return service;
    }

    /** Kills an instance with SIGKILL, as a crash would, and waits until its process has exited. */
    void kill(String name) throws InterruptedException {
        ServiceProcess service = service(name);
        service.killAndWait();
        running.remove(name);
    }

    /**
     * Starts an instance again after {@link #kill}, with a log file of its own, and waits until it is ready.
     *
     * @return the new instance
     */
    ServiceProcess restart(String name) throws IOException, InterruptedException {
        ServiceProcess service = launch(name);
        service.awaitReady(READY_TIMEOUT);
        return service;
    }

    private ServiceProcess launch(String name) throws IOException {
        if (running.containsKey(name)) {
            throw new IllegalStateException("The " + name + " instance is already running");
        }
        String module = name.startsWith("trainer") ? "trainer" : name;
        int generation = (int) everyProcess.stream().filter(process -> process.name().equals(name)).count() + 1;
        String instance = generation == 1 ? name : name + "-" + generation;
        Path app = AppSnapshot.take(home.resolve("services").resolve(module).resolve("target/quarkus-app"),
                target.resolve("faults-apps").resolve(instance));
        Map<String, String> env = new LinkedHashMap<>(environment);
        if (module.equals("trainer")) {
            env.put("TRAINBUS_TRAINER_WORK_DIR", target.resolve("faults-work").resolve(instance).toString());
        }
        ServiceProcess service = ServiceProcess.start(name, app.resolve("quarkus-run.jar"), jvmFlags(module), env,
                LocalStack.freePort(), target.resolve("faults-logs").resolve(instance + ".log"));
        everyProcess.add(service);
        running.put(name, service);
        return service;
    }

    /** Returns the module's flags from {@link PipelineServices#JVM_FLAGS}, with a shorter job-consumer session. */
    private static List<String> jvmFlags(String module) {
        List<String> flags = new ArrayList<>(PipelineServices.JVM_FLAGS.get(module));
        String channel = switch (module) {
            case "trainer" -> "datasets-prepared";
            case "evaluator" -> "training-completed";
            default -> null;
        };
        if (channel != null) {
            // System properties keep the channel name's dash, which an environment variable cannot carry.
            flags.add("-Dmp.messaging.incoming." + channel + ".session.timeout.ms=" + SESSION_TIMEOUT_MS);
            flags.add("-Dmp.messaging.incoming." + channel + ".heartbeat.interval.ms=" + HEARTBEAT_INTERVAL_MS);
        }
        return flags;
    }

    /** Returns the log files of every process started, killed ones included, for a scan of the whole run. */
    List<Path> logFiles() throws IOException {
        try (var files = Files.list(target.resolve("faults-logs"))) {
            return files.sorted().toList();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(false);
    }

    /**
     * Stops every running instance and the stack.
     *
     * @param printLogs print the last lines of every process's log, for a failed run
     */
    void close(boolean printLogs) throws InterruptedException {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
        PipelineServices.stopAll(List.copyOf(running.values()), STOP_GRACE);
        running.clear();
        if (printLogs) {
            for (ServiceProcess service : everyProcess) {
                System.out.printf("----- last %d lines of the %s log -----%n%s%n", LOG_TAIL_LINES, service.name(),
                        service.logTail(LOG_TAIL_LINES));
            }
        }
        stack.close();
    }
}
