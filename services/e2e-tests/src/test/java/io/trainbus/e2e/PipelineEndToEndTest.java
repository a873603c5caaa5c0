package io.trainbus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.e2e.secrets.SecretScan;
import io.trainbus.localstack.LocalStack;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Runs one small MLP job through the four packaged services, each a separate JVM started from its
 * {@code quarkus-run.jar}, against the in-JVM Kafka broker and S3 server, on the real CIFAR-10 archive. The job
 * runs once before the tests, and each test checks one part of its result: events, stored objects, the report and
 * the metrics.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineEndToEndTest {

    private static final String MODEL = "mlp";
    private static final long MLP_PARAMETERS = 3_590_642L;
    private static final int TRAIN_LIMIT = 1000;
    private static final int VALIDATION_SIZE = 200;
    private static final int TEST_LIMIT = 200;
    /** Bytes before the values of every tensor the pipeline writes: see {@link #npyBytes}. */
    private static final int NPY_HEADER_BYTES = 128;

    /**
     * Each service took about 10 s to report ready on the 2-core machine where this test was written. Four JVMs
     * start at once and other builds may share the cores, so the limit is far above that.
     */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /**
     * Upper bound for the whole job. The job took under a minute on that machine, so only a hang or a lost event
     * should reach this limit.
     */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 60;

    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private final String jobId = "e2e-" + UUID.randomUUID();
    private LocalStack stack;
    private Path home;
    private Path target;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private ObjectStore store;
    private List<ConsumerRecord<String, byte[]>> events = List.of();
    private volatile boolean failed;

    @RegisterExtension
    final TestWatcher failureWatcher = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            failed = true;
        }
    };

    /** Kills the services if this JVM ends without running {@link #stopEverything}, for example on a timeout. */
    private final Thread killServicesOnExit = new Thread(() -> services.forEach(ServiceProcess::kill));

    @BeforeAll
    void runJob() throws Exception {
        Runtime.getRuntime().addShutdownHook(killServicesOnExit);
        home = Path.of(requiredProperty("trainbus.home", "the checkout folder")).toAbsolutePath().normalize();
        Path cifar10 = Path.of(requiredProperty("trainbus.test.cifar10", "the CIFAR-10 binary archive"));
        if (!Files.isRegularFile(cifar10)) {
            throw new IllegalStateException("The CIFAR-10 archive " + cifar10 + " (system property "
                    + "trainbus.test.cifar10) was not found: put cifar-10-binary.tar.gz there or point the property"
                    + " at a copy");
        }
        target = home.resolve("services/e2e-tests/target");
        try {
            // A fresh S3 folder makes ingestion and preprocessing do their full work instead of reusing objects.
            FolderTrees.delete(target.resolve("e2e-stack"));
            stack = LocalStack.start(new LocalStack.Options(0, 0, target.resolve("e2e-stack"), "e2e-access",
                    UUID.randomUUID().toString(), 2));
            store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                    "trainbus");
            startServices(cifar10.toAbsolutePath());
            publishRequest();
            events = JobEvents.collect(stack.bootstrapServers(), jobId, List.of(Topics.DATASETS_INGESTED,
                    Topics.DATASETS_PREPARED, Topics.TRAINING_EPOCHS, Topics.TRAINING_COMPLETED, Topics.EVALUATIONS,
                    Topics.JOBS_FAILED), Set.of(Topics.EVALUATIONS, Topics.JOBS_FAILED), JOB_TIMEOUT);
        } catch (Exception | Error e) {
            failed = true;
            throw e;
        }
    }

    private void startServices(Path cifar10) throws IOException, InterruptedException {
        environment.putAll(stack.serviceEnvironment());
        environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", cifar10.toString());
        // Ingestion reads only sources its allow-list names; the test archive is the one local root it needs.
        environment.put("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", cifar10.toString());
        environment.put("TRAINBUS_INGESTION_CACHE_DIR", target.resolve("e2e-work/ingestion-cache").toString());
        environment.put("TRAINBUS_TRAINER_WORK_DIR", target.resolve("e2e-work/trainer").toString());
        environment.put("TRAINBUS_EVALUATOR_WORK_DIR", target.resolve("e2e-work/evaluator").toString());
        // Start every JVM before waiting for any, so they boot in parallel.
        for (Map.Entry<String, List<String>> service : PipelineServices.JVM_FLAGS.entrySet()) {
            services.add(startService(service.getKey(), service.getKey()));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }
    }

    /** Starts a service from a snapshot of its packaged app; {@code logName} names its log file. */
    private ServiceProcess startService(String name, String logName) throws IOException {
        Path app = AppSnapshot.take(home.resolve("services").resolve(name).resolve("target/quarkus-app"),
                target.resolve("e2e-apps").resolve(logName));
        return ServiceProcess.start(name, app.resolve("quarkus-run.jar"), PipelineServices.JVM_FLAGS.get(name), environment,
                LocalStack.freePort(), target.resolve("e2e-logs").resolve(logName + ".log"));
    }

    private void publishRequest() throws Exception {
        String request = """
                {"jobId": "%s", "experimentId": "e2e", "model": "%s", "epochs": 1,
                 "dataset": {"name": "cifar-10", "trainLimit": %d, "validationSize": %d, "testLimit": %d}}
                """.formatted(jobId, MODEL, TRAIN_LIMIT, VALIDATION_SIZE, TEST_LIMIT);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REQUESTS, jobId, request.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    @AfterAll
    void stopEverything() throws InterruptedException, IOException {
        Runtime.getRuntime().removeShutdownHook(killServicesOnExit);
        for (ServiceProcess service : services) {
            if (!service.stop(STOP_GRACE)) {
                System.out.printf("%s did not stop within %d s of SIGTERM and was killed%n", service.name(),
                        STOP_GRACE.toSeconds());
            }
        }
        if (failed) {
            for (ServiceProcess service : services) {
                System.out.printf("----- last %d lines of the %s log -----%n%s%n", LOG_TAIL_LINES, service.name(),
                        service.logTail(LOG_TAIL_LINES));
            }
        }
        try {
            scanForCredentials();
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    /** Fails when the S3 credentials appear in a service log, in one of the job's events or in its report. */
    private void scanForCredentials() throws IOException {
        if (stack == null) {
            return;
        }
        SecretScan scan = SecretScan.of(Map.of("S3 access key", stack.accessKey(), "S3 secret key",
                stack.secretKey()));
        scan.scanFolder(target.resolve("e2e-logs")).scanRecords(events);
        if (store.exists(ObjectKeys.report(jobId))) {
            scan.scanBytes(ObjectKeys.report(jobId), store.getBytes(ObjectKeys.report(jobId)));
        }
        scan.assertClean();
    }

    @Test
    void eventsArriveInPipelineOrder() throws Exception {
        List<String> topics = events.stream().map(ConsumerRecord::topic).toList();
        assertThat(topics).as("topics of job %s's events in timestamp order", jobId).containsExactly(
                Topics.DATASETS_INGESTED, Topics.DATASETS_PREPARED, Topics.TRAINING_EPOCHS,
                Topics.TRAINING_COMPLETED, Topics.EVALUATIONS);

        DatasetIngested ingested = DatasetIngested.parseFrom(events.get(0).value());
        assertThat(ingested.getRequest().getJobId()).isEqualTo(jobId);
        assertThat(ingested.getRequest().getModel()).isEqualTo(MODEL);
        assertThat(ingested.getRequest().getEpochs()).isEqualTo(1);
        assertThat(ingested.getDatasetId()).hasSize(64);

        DatasetPrepared prepared = DatasetPrepared.parseFrom(events.get(1).value());
        assertThat(prepared.getDatasetId()).isEqualTo(ingested.getDatasetId());
        assertThat(prepared.getTrain().getCount()).isEqualTo(TRAIN_LIMIT - VALIDATION_SIZE);
        assertThat(prepared.getValidation().getCount()).isEqualTo(VALIDATION_SIZE);
        assertThat(prepared.getTest().getCount()).isEqualTo(TEST_LIMIT);
        assertThat(prepared.getClassNamesList()).hasSize(10).contains("airplane", "truck");

        EpochCompleted epoch = EpochCompleted.parseFrom(events.get(2).value());
        assertThat(epoch.getJobId()).isEqualTo(jobId);
        assertThat(epoch.getEpoch()).isEqualTo(1);
        assertThat(epoch.getEpochs()).isEqualTo(1);
        assertThat(epoch.getLoss()).isPositive();
        assertThat(epoch.getValAccuracy()).isBetween(0.0, 1.0);

        TrainingCompleted trained = TrainingCompleted.parseFrom(events.get(3).value());
        assertThat(trained.getPrepared()).isEqualTo(prepared);
        assertThat(trained.getEpochsRun()).isEqualTo(1);
        assertThat(trained.getBestEpoch()).isEqualTo(1);
        assertThat(trained.getParameters()).isEqualTo(MLP_PARAMETERS);

        EvaluationCompleted evaluation = EvaluationCompleted.parseFrom(events.get(4).value());
        assertThat(evaluation.getJobId()).isEqualTo(jobId);
        assertThat(evaluation.getTestCount()).isEqualTo(TEST_LIMIT);
        assertThat(evaluation.getTestAccuracy()).isBetween(0.0, 1.0);
        assertThat(evaluation.getReport().getKey()).isEqualTo(ObjectKeys.report(jobId));
    }

    @Test
    void rawFilesAndManifestAreStored() throws Exception {
        DatasetIngested ingested = DatasetIngested.parseFrom(recordOn(Topics.DATASETS_INGESTED).value());
        String prefix = ObjectKeys.rawPrefix("cifar-10", ingested.getDatasetId());

        for (String recordFile : CifarFormat.RECORD_FILES) {
            assertThat(store.size(prefix + recordFile)).as(prefix + recordFile).contains(CifarFormat.FILE_BYTES);
        }
        assertThat(store.size(prefix + CifarFormat.CLASS_NAMES_FILE)).as(prefix + CifarFormat.CLASS_NAMES_FILE)
                .hasValueSatisfying(size -> assertThat(size).isPositive());
        assertThat(ingested.getManifest().getKey()).isEqualTo(prefix + ObjectKeys.MANIFEST);
        RawManifest manifest = Json.MAPPER.readValue(store.getBytes(prefix + ObjectKeys.MANIFEST), RawManifest.class);
        assertThat(manifest.datasetId()).isEqualTo(ingested.getDatasetId());
        assertThat(manifest.files()).extracting(RawManifest.FileEntry::name)
                .containsExactlyElementsOf(CifarFormat.ALL_FILES);
    }

    @Test
    void preparedTensorsHaveSplitSizes() throws Exception {
        DatasetPrepared prepared = DatasetPrepared.parseFrom(recordOn(Topics.DATASETS_PREPARED).value());
        String prefix = ObjectKeys.preparedPrefix("cifar-10", prepared.getDatasetId(), prepared.getPreparedId());

        assertTensorPair(prefix, "train", prepared.getTrain(), TRAIN_LIMIT - VALIDATION_SIZE);
        assertTensorPair(prefix, "validation", prepared.getValidation(), VALIDATION_SIZE);
        assertTensorPair(prefix, "test", prepared.getTest(), TEST_LIMIT);
        assertThat(prepared.getManifest().getKey()).isEqualTo(prefix + ObjectKeys.MANIFEST);
        assertThat(store.exists(prefix + ObjectKeys.MANIFEST)).as(prefix + ObjectKeys.MANIFEST).isTrue();
    }

    private void assertTensorPair(String prefix, String split, TensorPair pair, int rows) {
        assertThat(pair.getFeatures().getKey()).isEqualTo(prefix + split + "_x.npy");
        assertThat(pair.getLabels().getKey()).isEqualTo(prefix + split + "_y.npy");
        assertThat(store.size(prefix + split + "_x.npy")).as(prefix + split + "_x.npy")
                .contains(npyBytes(rows, CifarFormat.PIXEL_BYTES));
        assertThat(store.size(prefix + split + "_y.npy")).as(prefix + split + "_y.npy")
                .contains(npyBytes(rows, CifarFormat.CLASS_COUNT));
    }

    /**
     * Returns the size of a float32 {@code .npy} file of shape [rows, columns]. Version 1.0 of the format has a
     * 10-byte preamble and a header dictionary, padded with a newline and spaces to a multiple of 64 bytes. The
     * dictionary of a two-number shape below a million rows takes 60 to 70 bytes, so the values start at byte 128.
     */
    private static long npyBytes(int rows, int columns) {
        return NPY_HEADER_BYTES + (long) rows * columns * Float.BYTES;
    }

    @Test
    void checkpointsHistoryAndReportAreStored() throws Exception {
        TrainingCompleted trained = TrainingCompleted.parseFrom(recordOn(Topics.TRAINING_COMPLETED).value());
        EvaluationCompleted evaluation = EvaluationCompleted.parseFrom(recordOn(Topics.EVALUATIONS).value());

        Map<String, ObjectRef> expected = new LinkedHashMap<>();
        expected.put(ObjectKeys.bestCheckpoint(jobId), trained.getBestCheckpoint());
        expected.put(ObjectKeys.lastCheckpoint(jobId), trained.getLastCheckpoint());
        expected.put(ObjectKeys.history(jobId), trained.getHistory());
        expected.put(ObjectKeys.report(jobId), evaluation.getReport());
        for (Map.Entry<String, ObjectRef> entry : expected.entrySet()) {
            assertThat(entry.getValue().getKey()).isEqualTo(entry.getKey());
            assertThat(store.size(entry.getKey())).as(entry.getKey()).contains(entry.getValue().getSizeBytes());
            assertThat(entry.getValue().getSizeBytes()).as("size of " + entry.getKey()).isPositive();
        }

        JsonNode history = Json.MAPPER.readTree(store.getBytes(ObjectKeys.history(jobId)));
        assertThat(history.size()).as("epochs in history.json").isEqualTo(1);
        assertThat(history.get(0).path("epoch").asInt()).isEqualTo(1);
    }

    @Test
    void reportHasTestFigures() throws Exception {
        JsonNode report = Json.MAPPER.readTree(store.getBytes(ObjectKeys.report(jobId)));

        assertThat(report.path("job_id").asText()).isEqualTo(jobId);
        assertThat(report.path("model").asText()).isEqualTo(MODEL);
        assertThat(report.path("parameters").asLong()).isEqualTo(MLP_PARAMETERS);
        assertThat(report.path("epochs_run").asInt()).isEqualTo(1);
        assertThat(report.path("best_epoch").asInt()).isEqualTo(1);
        assertThat(report.path("test_count").asInt()).isEqualTo(TEST_LIMIT);
        assertThat(report.path("test_accuracy").asDouble(-1)).isBetween(0.0, 1.0);
        assertThat(report.path("test_loss").asDouble(-1)).isPositive();
        assertThat(report.path("history_key").asText()).isEqualTo(ObjectKeys.history(jobId));
        assertThat(report.path("request").path("job_id").asText()).isEqualTo(jobId);

        int confusionTotal = 0;
        int diagonal = 0;
        JsonNode confusion = report.path("confusion_matrix");
        for (int actual = 0; actual < confusion.size(); actual++) {
            for (int predicted = 0; predicted < confusion.get(actual).size(); predicted++) {
                confusionTotal += confusion.get(actual).get(predicted).asInt();
            }
            diagonal += confusion.get(actual).get(actual).asInt();
        }
        assertThat(confusion.size()).isEqualTo(10);
        assertThat(confusionTotal).as("images in the confusion matrix").isEqualTo(TEST_LIMIT);
        assertThat((double) diagonal / TEST_LIMIT).as("accuracy from the confusion matrix")
                .isEqualTo(report.path("test_accuracy").asDouble());
        assertThat(report.path("per_class").size()).isEqualTo(10);
    }

    @Test
    void trainerMetricsShowJobSeries() throws Exception {
        ServiceProcess trainer = service("trainer");
        String metrics = trainer.get("/q/metrics").body();

        String tags = "job_id=\"" + jobId + "\",model=\"" + MODEL + "\"";
        assertThat(metrics).contains("trainbus_training_epoch{" + tags + "} 1.0");
        assertThat(metrics).containsPattern("trainbus_training_loss\\{" + tags + "} [0-9.]+");
        assertThat(metrics).containsPattern("trainbus_validation_accuracy\\{" + tags + "} [0-9.]+");
    }

    @Test
    void readApiServesJobAfterRestart() throws Exception {
        ServiceProcess evaluator = service("evaluator");
        assertThat(evaluator.stop(STOP_GRACE)).as("evaluator stopped within the grace period").isTrue();
        services.remove(evaluator);
        ServiceProcess restarted = startService("evaluator", "evaluator-restarted");
        services.add(restarted);
        // Ready only once the job state has been rebuilt from the topics.
        restarted.awaitReady(READY_TIMEOUT);

        JsonNode job = Json.MAPPER.readTree(restarted.get("/api/jobs/" + jobId).body()).path("job");
        assertThat(job.path("state").asText()).as("state of %s after the restart", jobId).isEqualTo("evaluated");
        assertThat(job.path("epochs").size()).as("epochs of %s after the restart", jobId).isEqualTo(1);

        Path out = target.resolve("e2e-reports");
        FolderTrees.delete(out);
        Process cli = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                AppSnapshot.take(home.resolve("services/cli/target/quarkus-app"), target.resolve("e2e-apps/cli"))
                        .resolve("quarkus-run.jar").toString(),
                "report", "--experiment", "e2e", "--url", "http://127.0.0.1:" + restarted.httpPort(),
                "--out", out.toString())
                .redirectErrorStream(true)
                .redirectOutput(target.resolve("e2e-logs/cli-report.log").toFile())
                .start();
        assertThat(cli.waitFor(2, TimeUnit.MINUTES)).as("trainbus report ended").isTrue();
        assertThat(cli.exitValue()).as("exit code of trainbus report, output in e2e-logs/cli-report.log")
                .isZero();
        Path experiment = out.resolve("e2e");
        for (Path file : List.of(experiment.resolve("report.json"), experiment.resolve("validation-accuracy.png"),
                experiment.resolve(jobId).resolve("report.json"),
                experiment.resolve(jobId).resolve("training-images.png"),
                experiment.resolve(jobId).resolve("accuracy-curves.png"),
                experiment.resolve(jobId).resolve("loss-curves.png"),
                experiment.resolve(jobId).resolve("confusion-matrix.png"))) {
            assertThat(file).as("downloaded file").isNotEmptyFile();
        }
        BufferedImage grid = ImageIO.read(experiment.resolve(jobId)
                .resolve("training-images.png").toFile());
        assertThat(grid.getWidth()).as("width of the training image grid").isGreaterThan(grid.getHeight());
    }

    private ConsumerRecord<String, byte[]> recordOn(String topic) {
        return events.stream()
                .filter(record -> record.topic().equals(topic))
                .findFirst()
                .orElseThrow(() -> new AssertionError("Job " + jobId + " published nothing on " + topic
                        + "; its events went to " + events.stream().map(ConsumerRecord::topic).toList()));
    }

    private ServiceProcess service(String name) {
        return services.stream()
                .filter(service -> service.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("The " + name + " service was not started"));
    }

    private static String requiredProperty(String name, String meaning) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + name + " (" + meaning + ") is missing: run this"
                    + " test through Maven, whose surefire configuration sets it, or pass -D" + name + "=...");
        }
        // Maven passes the value as written in the POM, where line breaks keep lines short.
        return value.strip();
    }
}
