package io.trainbus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.imageio.ImageIO;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.localstack.LocalStack;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingCompleted;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Runs two jobs at once through the four packaged services, each a separate JVM. The first is a 2-epoch
 * optimized-CNN job with the model's default settings (z-score input, augmentation, RMSprop with decay, the step
 * schedule, early stopping, batch 64) on a slice of the real CIFAR-10 archive. The second is a 2-epoch CNN job on a
 * slice of the real Fashion-MNIST files from the Debian package, whose 28x28 grayscale images pass through every
 * stage in place of CIFAR-10's 32x32 colour ones.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecondStackEndToEndTest {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    /** Both jobs took about 70 s together on a 2-core machine, so only a hang should reach this limit. */
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final List<String> JOB_TOPICS = List.of(Topics.DATASETS_INGESTED, Topics.DATASETS_PREPARED,
            Topics.TRAINING_EPOCHS, Topics.TRAINING_COMPLETED, Topics.EVALUATIONS, Topics.JOBS_FAILED);
    private static final ImageShape FASHION_SHAPE = new ImageShape(28, 28, 1);
    /**
     * Parameters of the reference CNN on 28x28x1 inputs: convolutions of 2x2x1x16, 2x2x16x32 and 2x2x32x64 with
     * biases (80 + 2,080 + 8,256). Three max-pools take 28 to 3, so the dense layer has 3x3x64 = 576 inputs
     * (576 x 500 + 500 = 288,500), and the output layer has 500 x 10 + 10 = 5,010.
     */
    private static final long FASHION_CNN_PARAMETERS = 303_926L;

    private final String optimizedJob = "e2e-optimized-" + UUID.randomUUID();
    private final String fashionJob = "e2e-fashion-" + UUID.randomUUID();
    private final List<ServiceProcess> services = new CopyOnWriteArrayList<>();
    private LocalStack stack;
    private ObjectStore store;
    private List<ConsumerRecord<String, byte[]>> optimizedEvents;
    private List<ConsumerRecord<String, byte[]>> fashionEvents;
    private String preprocessingLog;

    @BeforeAll
    void runJobs() throws Exception {
        Path home = Path.of(System.getProperty("trainbus.home", "../..")).toAbsolutePath().normalize();
        Path cifar10 = Path.of(System.getProperty("trainbus.test.cifar10", "")).toAbsolutePath();
        Path fashion = Path.of(System.getProperty("trainbus.test.fashion-mnist", "")).toAbsolutePath();
        assertThat(Files.isRegularFile(cifar10)).as("CIFAR-10 archive %s (trainbus.test.cifar10)", cifar10).isTrue();
        assertThat(Files.isDirectory(fashion))
                .as("Fashion-MNIST folder %s (trainbus.test.fashion-mnist; apt-get install dataset-fashion-mnist)",
                        fashion)
                .isTrue();

        Path target = home.resolve("services/e2e-tests/target");
        FolderTrees.delete(target.resolve("e2e-second-stack"));
        stack = LocalStack.start(new LocalStack.Options(0, 0, target.resolve("e2e-second-stack"), "e2e-access",
                UUID.randomUUID().toString(), 2));
        store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                "trainbus");

        Map<String, String> environment = new LinkedHashMap<>(stack.serviceEnvironment());
        environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", cifar10.toString());
        // The Fashion-MNIST job names its folder in the request, so the folder only needs to be on the allow-list.
        environment.put("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", cifar10 + "," + fashion);
        environment.put("TRAINBUS_INGESTION_CACHE_DIR", target.resolve("e2e-second-work/cache").toString());
        environment.put("TRAINBUS_TRAINER_WORK_DIR", target.resolve("e2e-second-work/trainer").toString());
        environment.put("TRAINBUS_EVALUATOR_WORK_DIR", target.resolve("e2e-second-work/evaluator").toString());

        for (Map.Entry<String, List<String>> service : PipelineServices.JVM_FLAGS.entrySet()) {
            Path app = AppSnapshot.take(home.resolve("services").resolve(service.getKey())
                    .resolve("target/quarkus-app"), target.resolve("e2e-second-apps").resolve(service.getKey()));
            services.add(ServiceProcess.start(service.getKey(), app.resolve("quarkus-run.jar"), service.getValue(),
                    environment, LocalStack.freePort(),
                    target.resolve("e2e-second-logs").resolve(service.getKey() + ".log")));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }

        PipelineServices.publishRequest(stack.bootstrapServers(), optimizedJob, """
                {"jobId": "%s", "experimentId": "e2e-optimized", "model": "optimized-cnn", "epochs": 2,
                 "dataset": {"name": "cifar-10", "trainLimit": 320, "validationSize": 64, "testLimit": 64}}
                """.formatted(optimizedJob));
        PipelineServices.publishRequest(stack.bootstrapServers(), fashionJob, """
                {"jobId": "%s", "experimentId": "e2e-fashion", "model": "cnn", "epochs": 2,
                 "dataset": {"name": "fashion-mnist", "source": "%s", "trainLimit": 3000, "validationSize": 500,
                             "testLimit": 500}}
                """.formatted(fashionJob, fashion));

        optimizedEvents = JobEvents.collect(stack.bootstrapServers(), optimizedJob, JOB_TOPICS,
                Set.of(Topics.EVALUATIONS, Topics.JOBS_FAILED), JOB_TIMEOUT);
        fashionEvents = JobEvents.collect(stack.bootstrapServers(), fashionJob, JOB_TOPICS,
                Set.of(Topics.EVALUATIONS, Topics.JOBS_FAILED), JOB_TIMEOUT);
        // Preprocessing deletes the augmented epochs once training ends, so its log is the only record of them.
        preprocessingLog = services.get(1).logTail(600);
    }

    @AfterAll
    void stopEverything() throws Exception {
        for (ServiceProcess service : services) {
            if (!service.stop(STOP_GRACE)) {
                System.out.printf("%s did not stop within %d s and was killed; last log lines:%n%s%n",
                        service.name(), STOP_GRACE.toSeconds(), service.logTail(40));
            }
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void optimizedCnnRunsWithDefaults() throws Exception {
        requireNoFailure(optimizedEvents);
        assertThat(preprocessingLog).contains("job=" + optimizedJob + " augmented epoch 1/2")
                .contains("job=" + optimizedJob + " augmented epoch 2/2");
        assertThat(store.exists(ObjectKeys.lastCheckpoint(optimizedJob)))
                .as(ObjectKeys.lastCheckpoint(optimizedJob)).isTrue();
        List<EpochCompleted> epochs = parse(optimizedEvents, Topics.TRAINING_EPOCHS, EpochCompleted::parseFrom);
        List<TrainingCompleted> completed = parse(optimizedEvents, Topics.TRAINING_COMPLETED,
                TrainingCompleted::parseFrom);
        List<EvaluationCompleted> evaluations = parse(optimizedEvents, Topics.EVALUATIONS,
                EvaluationCompleted::parseFrom);
        assertThat(epochs).extracting(EpochCompleted::getEpoch).containsExactly(1, 2);
        assertThat(epochs).extracting(EpochCompleted::getEpochs).containsExactly(2, 2);
        // 256 training images in batches of 64 make 4 steps per epoch. Each epoch reports the rate of its last
        // step, which decay 1e-6 has lowered.
        assertThat(epochs.get(0).getLearningRate()).isEqualTo(0.001 / (1 + 1e-6 * 3));
        assertThat(epochs.get(1).getLearningRate()).isEqualTo(0.001 / (1 + 1e-6 * 7));
        assertThat(completed).hasSize(1);
        assertThat(completed.get(0).getParameters()).isEqualTo(309_290L);
        assertThat(completed.get(0).getRequest().getBatchSize()).isEqualTo(64);
        assertThat(completed.get(0).getRequest().getPreprocessing().getAugmentation().getEnabled()).isTrue();
        assertThat(evaluations).hasSize(1);
        assertThat(evaluations.get(0).getTestCount()).isEqualTo(64);
        assertThat(evaluations.get(0).getTestAccuracy()).isBetween(0.0, 1.0);
    }

    @Test
    void fashionMnistIngestedFromIdxFiles() throws Exception {
        requireNoFailure(fashionEvents);
        DatasetIngested ingested = parse(fashionEvents, Topics.DATASETS_INGESTED, DatasetIngested::parseFrom).get(0);
        String prefix = ObjectKeys.rawPrefix("fashion-mnist", ingested.getDatasetId());
        assertThat(ingested.getManifest().getKey()).isEqualTo(prefix + ObjectKeys.MANIFEST);
        RawManifest manifest = Json.MAPPER.readValue(store.getBytes(prefix + ObjectKeys.MANIFEST),
                RawManifest.class);
        assertThat(manifest.dataset()).isEqualTo("fashion-mnist");
        assertThat(manifest.shape()).isEqualTo(FASHION_SHAPE);
        assertThat(manifest.classNames()).hasSize(10).contains("Ankle boot");
        assertThat(manifest.split(RawManifest.TRAIN).records()).isEqualTo(60_000);
        assertThat(manifest.split(RawManifest.TEST).records()).isEqualTo(10_000);
        // The official split is balanced: 6,000 training and 1,000 test images of each class.
        assertThat(manifest.split(RawManifest.TRAIN).perClass()).containsOnly(6_000L);
        assertThat(manifest.split(RawManifest.TEST).perClass()).containsOnly(1_000L);
        for (String file : manifest.split(RawManifest.TRAIN).files()) {
            assertThat(store.exists(prefix + file)).as(prefix + file).isTrue();
        }
    }

    @Test
    void fashionMnistTrainsCnnOnGrayscale() throws Exception {
        requireNoFailure(fashionEvents);
        DatasetPrepared prepared = parse(fashionEvents, Topics.DATASETS_PREPARED, DatasetPrepared::parseFrom)
                .get(0);
        // Every split contains rows of 28 x 28 x 1 = 784 values, not CIFAR-10's 3,072.
        assertThat(prepared.getTrain().getCount()).isEqualTo(2_500);
        assertThat(npyShape(prepared.getTrain().getFeatures().getKey())).containsExactly(2500, 784);
        assertThat(npyShape(prepared.getValidation().getFeatures().getKey())).containsExactly(500, 784);
        assertThat(npyShape(prepared.getTest().getFeatures().getKey())).containsExactly(500, 784);

        List<EpochCompleted> epochs = parse(fashionEvents, Topics.TRAINING_EPOCHS, EpochCompleted::parseFrom);
        assertThat(epochs).extracting(EpochCompleted::getEpoch).containsExactly(1, 2);
        TrainingCompleted completed = parse(fashionEvents, Topics.TRAINING_COMPLETED, TrainingCompleted::parseFrom)
                .get(0);
        assertThat(completed.getParameters()).isEqualTo(FASHION_CNN_PARAMETERS);
        EvaluationCompleted evaluation = parse(fashionEvents, Topics.EVALUATIONS, EvaluationCompleted::parseFrom)
                .get(0);
        assertThat(evaluation.getTestCount()).isEqualTo(500);
        // Guessing scores 10%, and two epochs over 2,500 images reach about 70% here. The threshold of 40% rules out
        // a model that learned nothing, for example from images whose rows or channels were scrambled, and leaves
        // room for noise.
        assertThat(evaluation.getTestAccuracy()).isGreaterThan(0.4);

        String grid = ObjectKeys.jobPrefix(fashionJob) + "pictures/training-images.png";
        BufferedImage picture = ImageIO.read(new ByteArrayInputStream(store.getBytes(grid)));
        assertThat(picture).as(grid).isNotNull();
        assertThat(picture.getWidth()).as("width of the training image grid").isGreaterThan(picture.getHeight());
    }

    /** Reads the dimensions of a stored .npy array from its header. */
    private long[] npyShape(String key) throws Exception {
        return NpyFormat.readFloat32Header(new ByteArrayInputStream(store.getBytes(key)));
    }

    private static void requireNoFailure(List<ConsumerRecord<String, byte[]>> events) throws Exception {
        assertThat(events).as("events of the job").isNotEmpty();
        for (ConsumerRecord<String, byte[]> record : events) {
            if (record.topic().equals(Topics.JOBS_FAILED)) {
                throw new AssertionError("Job failed: " + JobFailed.parseFrom(record.value()));
            }
        }
    }

    private static <T> List<T> parse(List<ConsumerRecord<String, byte[]>> events, String topic, Parser<T> parser)
            throws Exception {
        List<T> parsed = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : events) {
            if (record.topic().equals(topic)) {
                parsed.add(parser.parse(record.value()));
            }
        }
        assertThat(parsed).as("records on %s", topic).isNotEmpty();
        return parsed;
    }

    /** Parses one record value. */
    @FunctionalInterface
    private interface Parser<T> {
        T parse(byte[] value) throws Exception;
    }
}
