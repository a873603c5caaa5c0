package io.trainbus.e2e.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.messaging.Topics;
import io.trainbus.e2e.AppSnapshot;
import io.trainbus.e2e.JobEvents;
import io.trainbus.e2e.PipelineServices;
import io.trainbus.e2e.ServiceProcess;
import io.trainbus.localstack.LocalStack;
import io.trainbus.proto.v1.JobFailed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged ingestion service with a wrong S3 secret key, so that the object store returns 403, and checks
 * that neither the job's failure event nor the service's log contains the secret it was given or the right one.
 */
class WrongSecretTest {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    @Test
    void rejectedSecretAppearsNowhere() throws Exception {
        Path home = Path.of(System.getProperty("trainbus.home")).toAbsolutePath().normalize();
        Path cifar10 = Path.of(System.getProperty("trainbus.test.cifar10")).toAbsolutePath();
        Path target = home.resolve("services/e2e-tests/target");
        Path logs = target.resolve("secrets-logs");
        FolderTrees.delete(logs);
        FolderTrees.delete(target.resolve("secrets-stack"));
        String rightSecret = "right-secret-" + UUID.randomUUID();
        String wrongSecret = "wrong-secret-" + UUID.randomUUID();
        String jobId = "wrong-secret-" + UUID.randomUUID();

        List<ConsumerRecord<String, byte[]>> events;
        try (LocalStack stack = LocalStack.start(new LocalStack.Options(0, 0, target.resolve("secrets-stack"),
                "secrets-access", rightSecret, 1))) {
            Map<String, String> environment = new HashMap<>(stack.serviceEnvironment());
            environment.put("TRAINBUS_STORAGE_SECRET_KEY", wrongSecret);
            environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", cifar10.toString());
            environment.put("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", cifar10.toString());
            // Shared with the pipeline test, whose unpacked archive is then reused.
            environment.put("TRAINBUS_INGESTION_CACHE_DIR", target.resolve("e2e-work/ingestion-cache").toString());
            Path app = AppSnapshot.take(home.resolve("services/ingestion/target/quarkus-app"),
                    target.resolve("e2e-apps/ingestion-wrong-secret"));
            ServiceProcess ingestion = ServiceProcess.start("ingestion", app.resolve("quarkus-run.jar"),
                    PipelineServices.JVM_FLAGS.get("ingestion"), environment, LocalStack.freePort(),
                    logs.resolve("ingestion.log"));
            try {
                ingestion.awaitReady(READY_TIMEOUT);
                PipelineServices.publishRequest(stack.bootstrapServers(), jobId, """
                        {"jobId": "%s", "model": "mlp", "epochs": 1, "dataset": {"trainLimit": 600, "validationSize": 100}}
                        """.formatted(jobId));
                events = JobEvents.collect(stack.bootstrapServers(), jobId, List.of(Topics.DATASETS_INGESTED,
                        Topics.JOBS_FAILED), Set.of(Topics.DATASETS_INGESTED, Topics.JOBS_FAILED), JOB_TIMEOUT);
            } finally {
                ingestion.stop(STOP_GRACE);
            }
        }

        assertThat(events).as("events of job %s", jobId).extracting(ConsumerRecord::topic)
                .containsExactly(Topics.JOBS_FAILED);
        JobFailed failure = JobFailed.parseFrom(events.get(0).value());
        assertThat(failure.getStage()).isEqualTo("ingestion");
        assertThat(failure.getReason()).as("reason of the failure").containsIgnoringCase("access denied")
                .contains("credentials");
        SecretScan.of(Map.of("wrong S3 secret key", wrongSecret, "right S3 secret key", rightSecret))
                .scanFolder(logs)
                .scanRecords(events)
                .assertClean();
    }
}
