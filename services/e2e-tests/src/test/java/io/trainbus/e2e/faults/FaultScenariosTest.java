package io.trainbus.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.e2e.JobEvents;
import io.trainbus.e2e.PipelineServices;
import io.trainbus.e2e.ServiceProcess;
import io.trainbus.e2e.secrets.SecretScan;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Fault scenarios on the packaged services as processes, the in-JVM Kafka broker and S3 server, and small slices
 * of the real CIFAR-10 archive. The scenarios share one {@link FaultStack} and run in order, because the trainer
 * scenario leaves one trainer running. Each ends with {@link FaultReport#account}, which checks that every job
 * completed or failed with a reason and none was trained twice, and adds a row to
 * {@code target/fault-report.md}. Last, the logs of every process started are scanned for the S3 credentials.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultScenariosTest {

    /** Upper bound for a scenario's jobs. Each scenario took one to two minutes on a loaded 2-core machine. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    private static final Pattern RESUMED = Pattern.compile("resuming after epoch (\\d+)");
    private static final List<String> TRAINERS = List.of("trainer-a", "trainer-b");

    private FaultStack faults;
    private volatile boolean failed;

    @RegisterExtension
    final TestWatcher failureWatcher = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    @BeforeAll
    void startStack() throws Exception {
        Path home = Path.of(requiredProperty("trainbus.home")).toAbsolutePath().normalize();
        Path cifar10 = Path.of(requiredProperty("trainbus.test.cifar10")).toAbsolutePath();
        if (!Files.isRegularFile(cifar10)) {
            throw new IllegalStateException("The CIFAR-10 archive " + cifar10 + " (system property"
                    + " trainbus.test.cifar10) was not found: put cifar-10-binary.tar.gz there or point the property"
                    + " at a copy");
        }
        faults = FaultStack.start(home, cifar10);
    }

    @AfterAll
    void stopStack() throws InterruptedException {
        if (faults != null) {
            faults.close(failed);
        }
    }

    @Test
    @Order(1)
    void repeatedRequestTrainsOnce() throws Exception {
        String jobId = "dup-" + UUID.randomUUID();
        String copyId = "dup-copy-" + UUID.randomUUID();
        PipelineServices.publishRequest(faults.bootstrapServers(), jobId, request(jobId, 1, 1000));
        PipelineServices.publishRequest(faults.bootstrapServers(), jobId, request(jobId, 1, 1000));
        PipelineServices.publishRequest(faults.bootstrapServers(), copyId, request(copyId, 1, 1000));
        ScenarioCounts firstPass = FaultReport.collect("duplicates", faults.bootstrapServers(),
                List.of(jobId, copyId), JOB_TIMEOUT);
        assertThat(firstPass.completed()).as("jobs completed before the redelivery; failures: %s",
                firstPass.failures()).containsExactlyInAnyOrder(jobId, copyId);

        // Kafka delivering a stage's input again, after a rebalance or a restart, looks like these copies.
        int preprocessingSkips = occurrences("preprocessing", skipLine(jobId, "preprocessing"));
        publishAgain(jobId, List.of(Topics.DATASETS_INGESTED, Topics.DATASETS_PREPARED, Topics.TRAINING_COMPLETED));
        awaitOccurrences("preprocessing", skipLine(jobId, "preprocessing"), preprocessingSkips + 1);
        awaitInAnyTrainer(skipLine(jobId, "trainer"));
        faults.service("evaluator").awaitLog(skipLine(jobId, "evaluator"), JOB_TIMEOUT);

        ScenarioCounts counts = FaultReport.account("same job id published twice, then every stage's input"
                + " delivered again; same content under a new job id", faults.bootstrapServers(),
                List.of(jobId, copyId), JOB_TIMEOUT);
        assertThat(counts.completed()).containsExactlyInAnyOrder(jobId, copyId);
        assertThat(trainerOccurrences(trainingStarted(jobId))).as("training runs of %s", jobId).isEqualTo(1);
        assertThat(trainerOccurrences(trainingStarted(copyId))).as("training runs of %s", copyId).isEqualTo(1);
        assertThat(occurrences("evaluator", evaluationStarted(jobId))).as("evaluations of %s", jobId).isEqualTo(1);
        assertThat(faults.store().exists(ObjectKeys.report(copyId))).as("report of the new job id").isTrue();
    }

    @Test
    @Order(2)
    void killedTrainerResumesOnOtherInstance() throws Exception {
        String jobId = "kill-trainer-" + UUID.randomUUID();
        // 2,400 training images make an epoch last seconds, so the kill lands inside epoch 2.
        PipelineServices.publishRequest(faults.bootstrapServers(), jobId, request(jobId, 3, 2600));
        String owner = awaitInAnyTrainer(trainingStarted(jobId));
        String other = TRAINERS.stream().filter(name -> !name.equals(owner)).findFirst().orElseThrow();
        faults.service(owner).awaitLog("job=" + jobId + " model=mlp epoch 1/3", JOB_TIMEOUT);
        Thread.sleep(1000);
        assertThat(faults.service(owner).logContains("job=" + jobId + " model=mlp epoch 2/3"))
                .as("epoch 2 still running when the trainer is killed").isFalse();
        faults.kill(owner);

        ServiceProcess survivor = faults.service(other);
        survivor.awaitLog("job=" + jobId + " resuming after epoch", JOB_TIMEOUT);
        ScenarioCounts counts = FaultReport.account("trainer killed (SIGKILL) mid-epoch, two trainers",
                faults.bootstrapServers(), List.of(jobId), JOB_TIMEOUT);

        assertThat(counts.completed()).containsExactly(jobId);
        Matcher resumed = RESUMED.matcher(survivor.logTail(10_000).lines()
                .filter(line -> line.contains("job=" + jobId + " resuming")).findFirst().orElseThrow());
        assertThat(resumed.find()).isTrue();
        assertThat(Integer.parseInt(resumed.group(1))).as("epochs the other trainer resumed after").isEqualTo(1);
    }

    @Test
    @Order(3)
    void killedEvaluatorEvaluatesAgainOnce() throws Exception {
        String jobId = "kill-evaluator-" + UUID.randomUUID();
        PipelineServices.publishRequest(faults.bootstrapServers(), jobId, request(jobId, 1, 1000));
        faults.service("evaluator").awaitLog(evaluationStarted(jobId), JOB_TIMEOUT);
        faults.kill("evaluator");
        ScenarioCounts atKill = FaultReport.collect("evaluator kill", faults.bootstrapServers(), List.of(jobId),
                Duration.ZERO);
        assertThat(atKill.completed()).as("jobs whose EvaluationCompleted was out before the kill").isEmpty();

        ServiceProcess restarted = faults.restart("evaluator");
        ScenarioCounts counts = FaultReport.account("evaluator killed (SIGKILL) while evaluating, then restarted",
                faults.bootstrapServers(), List.of(jobId), JOB_TIMEOUT);

        assertThat(counts.completed()).containsExactly(jobId);
        assertThat(restarted.logContains(evaluationStarted(jobId))).as("evaluation redone after the restart")
                .isTrue();
        assertThat(faults.store().exists(ObjectKeys.report(jobId))).as("report of %s", jobId).isTrue();
    }

    @Test
    @Order(4)
    void logsHoldNoCredentials() throws Exception {
        // Killed and restarted processes included: a crash or a retry must not print the credentials either.
        SecretScan.of(faults.credentials()).scanFiles(faults.logFiles()).assertClean();
    }

    /** Builds an MLP request on the first {@code trainLimit} training records, 200 of them for validation. */
    private static String request(String jobId, int epochs, int trainLimit) {
        return """
                {"jobId": "%s", "experimentId": "faults", "model": "mlp", "epochs": %d,
                 "dataset": {"name": "cifar-10", "trainLimit": %d, "validationSize": 200, "testLimit": 200}}
                """.formatted(jobId, epochs, trainLimit);
    }

    /**
     * Publishes the job's records of these topics again, with their keys and values unchanged, as Kafka would
     * deliver them again, and marks the copies so that {@link FaultReport} does not count them.
     */
    private void publishAgain(String jobId, List<String> topics) throws Exception {
        List<ConsumerRecord<String, byte[]>> records = JobEvents.collect(faults.bootstrapServers(), jobId,
                List.of(Topics.DATASETS_INGESTED, Topics.DATASETS_PREPARED, Topics.TRAINING_COMPLETED,
                        Topics.EVALUATIONS), Set.of(Topics.EVALUATIONS), JOB_TIMEOUT);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, faults.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (topics.contains(record.topic())) {
                    ProducerRecord<String, byte[]> copy = new ProducerRecord<>(record.topic(), record.key(),
                            record.value());
                    copy.headers().add(FaultReport.INJECTED_HEADER, new byte[] {1});
                    producer.send(copy).get();
                }
            }
        }
    }

    private static String skipLine(String jobId, String stage) {
        return "job=" + jobId + " already ended in the " + stage + " stage";
    }

    private static String trainingStarted(String jobId) {
        return "job=" + jobId + " model=mlp training started";
    }

    private static String evaluationStarted(String jobId) {
        return "job=" + jobId + " evaluation started";
    }

    /** Waits until a running trainer's log shows the text and returns that trainer's name. */
    private String awaitInAnyTrainer(String text) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String trainer : TRAINERS) {
                if (faults.service(trainer).logContains(text)) {
                    return trainer;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("No trainer logged \"" + text + "\" within " + JOB_TIMEOUT);
    }

    private int trainerOccurrences(String text) {
        return TRAINERS.stream().mapToInt(trainer -> occurrences(trainer, text)).sum();
    }

    private int occurrences(String service, String text) {
        String log = faults.service(service).logTail(Integer.MAX_VALUE);
        int count = 0;
        for (int at = log.indexOf(text); at >= 0; at = log.indexOf(text, at + text.length())) {
            count++;
        }
        return count;
    }

    private void awaitOccurrences(String service, String text, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        while (occurrences(service, text) < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The " + service + " log showed \"" + text + "\" fewer than " + expected
                        + " times within " + JOB_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " is missing: run this test through Maven,"
                    + " whose surefire configuration sets it, or pass -D" + name + "=...");
        }
        // Maven passes the value as written in the POM, where line breaks keep lines short.
        return value.strip();
    }
}
