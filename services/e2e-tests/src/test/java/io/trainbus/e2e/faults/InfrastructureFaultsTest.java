package io.trainbus.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.messaging.ClaimCheck;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.e2e.AppSnapshot;
import io.trainbus.e2e.JobEvents;
import io.trainbus.e2e.PipelineServices;
import io.trainbus.e2e.ServiceProcess;
import io.trainbus.localstack.LocalStack;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.TrainingCompleted;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Outages of the object store and the broker, and events larger than the broker accepts, on the four packaged
 * services as processes, sharing one stack. Each scenario submits small MLP jobs and ends with a row of
 * {@link FaultReport}.
 *
 * <p>The services run with a short retry limit ({@link #RETRY_LIMIT}) so that the long outage fails a job in
 * seconds. Preprocessing and the trainer inline at most {@link #INLINE_LIMIT} bytes, and the broker accepts at most
 * {@link #TOPIC_LIMIT} bytes on the topics of {@code DatasetPrepared} and {@code TrainingCompleted}, whose events
 * are larger: a job completes only if both events travel as claim checks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureFaultsTest {

    private static final Duration RETRY_LIMIT = Duration.ofSeconds(20);
    private static final int INLINE_LIMIT = 1024;
    private static final int TOPIC_LIMIT = 1536;
    /** Shorter than {@link #RETRY_LIMIT}, so the retries outlast it. */
    private static final Duration SHORT_OUTAGE = Duration.ofSeconds(8);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(5);
    /** Four JVMs boot at once on a shared 2-core machine; each took about 10 s alone. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Only a hang or a lost event should reach this; a job of these sizes took well under a minute. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;

    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final Thread killOnExit = new Thread(() -> services.forEach(ServiceProcess::kill));
    private LocalStack stack;
    private ObjectStore store;
    private boolean failed;

    @BeforeAll
    void startStack() throws Exception {
        Runtime.getRuntime().addShutdownHook(killOnExit);
        Path home = Path.of(System.getProperty("trainbus.home", "../..")).toAbsolutePath().normalize();
        Path cifar10 = Path.of(System.getProperty("trainbus.test.cifar10", "")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(cifar10)) {
            throw new IllegalStateException("The CIFAR-10 archive " + cifar10 + " (system property "
                    + "trainbus.test.cifar10) was not found: put cifar-10-binary.tar.gz there or point the property"
                    + " at a copy");
        }
        cifar10 = cifar10.toRealPath();
        Path target = home.resolve("services/e2e-tests/target");
        try {
            FolderTrees.delete(target.resolve("infra-stack"));
            stack = LocalStack.start(new LocalStack.Options(0, 0, target.resolve("infra-stack"), "infra-access",
                    UUID.randomUUID().toString(), 2));
            store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                    "trainbus");
            limitTopicSize(Topics.DATASETS_PREPARED);
            limitTopicSize(Topics.TRAINING_COMPLETED);
            Map<String, String> environment = new LinkedHashMap<>(stack.serviceEnvironment());
            environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", cifar10.toString());
            environment.put("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", cifar10.getParent().toString());
            environment.put("TRAINBUS_INGESTION_CACHE_DIR", target.resolve("infra-work/ingestion-cache").toString());
            environment.put("TRAINBUS_TRAINER_WORK_DIR", target.resolve("infra-work/trainer").toString());
            environment.put("TRAINBUS_EVALUATOR_WORK_DIR", target.resolve("infra-work/evaluator").toString());
            environment.put("TRAINBUS_STORAGE_RETRY_MAX_ATTEMPTS", "1000");
            environment.put("TRAINBUS_STORAGE_RETRY_MAX_DURATION", RETRY_LIMIT.toString());
            environment.put("TRAINBUS_STORAGE_RETRY_INITIAL_DELAY", "PT0.2S");
            environment.put("TRAINBUS_STORAGE_RETRY_MAX_DELAY", "PT2S");
            for (String name : PipelineServices.JVM_FLAGS.keySet()) {
                Map<String, String> env = new LinkedHashMap<>(environment);
                if (name.equals("preprocessing") || name.equals("trainer")) {
                    env.put("TRAINBUS_MESSAGING_MAX_INLINE_BYTES", String.valueOf(INLINE_LIMIT));
                }
                Path app = AppSnapshot.take(home.resolve("services").resolve(name).resolve("target/quarkus-app"),
                        target.resolve("infra-apps").resolve(name));
                services.add(ServiceProcess.start(name, app.resolve("quarkus-run.jar"),
                        PipelineServices.JVM_FLAGS.get(name), env, LocalStack.freePort(),
                        target.resolve("infra-logs").resolve(name + ".log")));
            }
            for (ServiceProcess service : services) {
                service.awaitReady(READY_TIMEOUT);
            }
        } catch (Exception | Error e) {
            failed = true;
            throw e;
        }
    }

    @AfterAll
    void stopStack() throws Exception {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
        PipelineServices.stopAll(services, STOP_GRACE);
        if (failed) {
            for (ServiceProcess service : services) {
                System.out.printf("----- last %d lines of the %s log -----%n%s%n", LOG_TAIL_LINES, service.name(),
                        service.logTail(LOG_TAIL_LINES));
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void oversizedEventsTravelAsClaimChecks() throws Exception {
        String jobId = submit("infra-claim-check", 1);

        ScenarioCounts counts = account("oversized events (claim check)", jobId);

        assertThat(counts.completed()).containsExactly(jobId);
        ConsumerRecord<String, byte[]> prepared = firstRecord(jobId, Topics.DATASETS_PREPARED);
        ConsumerRecord<String, byte[]> trained = firstRecord(jobId, Topics.TRAINING_COMPLETED);
        assertThat(ClaimCheck.isClaimCheck(prepared.headers())).as("DatasetPrepared is a claim check").isTrue();
        assertThat(ClaimCheck.isClaimCheck(trained.headers())).as("TrainingCompleted is a claim check").isTrue();
        byte[] preparedBytes = ClaimCheck.resolve(store, prepared.headers(), prepared.value());
        assertThat(preparedBytes.length).as("DatasetPrepared bytes").isGreaterThan(TOPIC_LIMIT);
        DatasetPrepared preparedEvent = DatasetPrepared.parseFrom(preparedBytes);
        assertThat(preparedEvent.getRequest().getJobId()).isEqualTo(jobId);
        TrainingCompleted trainedEvent = TrainingCompleted.parseFrom(
                ClaimCheck.resolve(store, trained.headers(), trained.value()));
        assertThat(trainedEvent.getPrepared()).isEqualTo(preparedEvent);
    }

    @Test
    @Order(2)
    void shortStoreOutageIsRetried() throws Exception {
        double retriesBefore = retries("trainer");
        String jobId = submit("infra-store-short", 1);
        // The trainer downloads the tensors as soon as it reads DatasetPrepared, so the outage meets its calls.
        awaitRecord(jobId, Topics.DATASETS_PREPARED);
        stack.stopS3();
        Thread.sleep(SHORT_OUTAGE.toMillis());
        stack.startS3();

        ScenarioCounts counts = account("object store down " + SHORT_OUTAGE.toSeconds() + " s (limit "
                + RETRY_LIMIT.toSeconds() + " s)", jobId);

        assertThat(counts.completed()).containsExactly(jobId);
        assertThat(retries("trainer")).as("trainer's object-store retries").isGreaterThan(retriesBefore);
    }

    @Test
    @Order(3)
    void longStoreOutageFailsJobsWithCause() throws Exception {
        String trainerJob = submit("infra-store-long", 1);
        awaitRecord(trainerJob, Topics.DATASETS_PREPARED);
        stack.stopS3();
        String ingestionJob;
        try {
            // The first job meets the outage in the trainer, and a job submitted now meets it in ingestion.
            ingestionJob = submit("infra-store-long-ingestion", 1);
            // The store stays down until both stages gave up on it and reported their jobs failed.
            awaitRecord(trainerJob, Topics.JOBS_FAILED);
            awaitRecord(ingestionJob, Topics.JOBS_FAILED);
        } finally {
            stack.startS3();
        }

        ScenarioCounts counts = account("object store down past the retry limit", trainerJob, ingestionJob);

        assertThat(counts.completed()).isEmpty();
        assertThat(counts.failures()).containsOnlyKeys(trainerJob, ingestionJob);
        for (String jobId : List.of(trainerJob, ingestionJob)) {
            assertThat(counts.failures().get(jobId)).as("failure reason of %s", jobId)
                    .contains("trainbus.storage.retry.max-duration=" + RETRY_LIMIT)
                    .contains(stack.s3Endpoint());
        }
        for (ServiceProcess service : services) {
            assertThat(service.get("/q/health/live").statusCode()).as("%s liveness", service.name()).isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void brokerRestartDuringJob() throws Exception {
        String jobId = submit("infra-broker-restart", 2);
        awaitRecord(jobId, Topics.TRAINING_EPOCHS);
        stack.stopKafka();
        Thread.sleep(BROKER_DOWN.toMillis());
        stack.startKafka();

        ScenarioCounts counts = account("broker restarted during training", jobId);

        assertThat(counts.completed()).containsExactly(jobId);
    }

    private String submit(String prefix, int epochs) throws Exception {
        String jobId = prefix + "-" + UUID.randomUUID();
        String request = """
                {"jobId": "%s", "experimentId": "infra-faults", "model": "mlp", "epochs": %d,
                 "dataset": {"name": "cifar-10", "trainLimit": 400, "validationSize": 100, "testLimit": 100}}
                """.formatted(jobId, epochs);
        PipelineServices.publishRequest(stack.bootstrapServers(), jobId, request);
        return jobId;
    }

    private ScenarioCounts account(String scenario, String... jobIds) throws Exception {
        try {
            return FaultReport.account(scenario, stack.bootstrapServers(), List.of(jobIds), JOB_TIMEOUT);
        } catch (Exception | Error e) {
            failed = true;
            throw e;
        }
    }

    /** Waits for the job's first record on {@code topic}, or its failure, whichever comes first. */
    private void awaitRecord(String jobId, String topic) {
        firstRecord(jobId, topic, Topics.JOBS_FAILED);
    }

    /** Returns the job's first record on any of {@code topics}, failing when none arrives in time. */
    private ConsumerRecord<String, byte[]> firstRecord(String jobId, String... topics) {
        Set<String> distinct = new LinkedHashSet<>(List.of(topics));
        List<ConsumerRecord<String, byte[]>> records = JobEvents.collect(stack.bootstrapServers(), jobId,
                List.copyOf(distinct), distinct, JOB_TIMEOUT);
        assertThat(records).as("records of job %s on %s", jobId, List.of(topics)).isNotEmpty();
        return records.get(0);
    }

    /** Sets the broker's {@code max.message.bytes} of a topic to {@link #TOPIC_LIMIT}. */
    private void limitTopicSize(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            AlterConfigOp limit = new AlterConfigOp(new ConfigEntry("max.message.bytes",
                    String.valueOf(TOPIC_LIMIT)), AlterConfigOp.OpType.SET);
            admin.incrementalAlterConfigs(Map.of(resource, List.of(limit))).all().get();
        }
    }

    /** Sums {@code trainbus_object_store_retries_total} over every operation of a service. */
    private double retries(String serviceName) throws Exception {
        ServiceProcess service = services.stream().filter(s -> s.name().equals(serviceName)).findFirst()
                .orElseThrow();
        List<Double> values = new ArrayList<>();
        for (String line : service.get("/q/metrics").body().lines().toList()) {
            if (line.startsWith("trainbus_object_store_retries_total{")) {
                values.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        assertThat(values).as("retry series of %s", serviceName).isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }
}
