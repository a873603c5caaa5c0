package io.trainbus.preprocessing.augment;

import static io.trainbus.preprocessing.augment.StatusWaits.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.LocalStack;
import io.trainbus.preprocessing.storage.AugmentationStorage;
import io.trainbus.proto.v1.AugmentationSpec;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.PreprocessingSpec;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scheduler without Kafka, against a real S3 server (S3Proxy in this JVM), driven as the consumers would. */
class AugmentationSchedulerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int ROWS = 20;

    /** The stack's S3 data, which JUnit deletes after the stack stops. */
    @TempDir
    static Path stackDir;
    private static LocalStack stack;
    private static ObjectStore store;

    private final ExecutorService chunks = Executors.newFixedThreadPool(2);
    private final CompletableFuture<String> failure = new CompletableFuture<>();
    private final AtomicLong storedImages = new AtomicLong();
    private AugmentationScheduler scheduler;

    @TempDir
    Path temp;

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, 0, stackDir,
                "scheduler", UUID.randomUUID().toString(), 1));
        store = ObjectStore.connect(stack.s3Endpoint(), stack.accessKey(), stack.secretKey(), "us-east-1",
                "scheduler-test");
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void createScheduler() {
        scheduler = new AugmentationScheduler(new AugmentationStorage(store), chunks,
                listener(), 3, temp);
    }

    @AfterEach
    void stopScheduler() {
        scheduler.close();
        chunks.shutdownNow();
    }

    @Test
    void producerStopsAtLastEpoch() throws Exception {
        String jobId = "last-" + UUID.randomUUID();
        scheduler.start(prepared(jobId, 2, null));

        AugmentationStatus full = awaitStatus(scheduler, jobId, WAIT, AugmentationStatus::waiting);
        assertThat(full.storedEpochs()).as("two epochs although three may be ahead").containsExactly(1, 2);
        assertThat(storedImages).as("images reported to the listener").hasValue(2L * ROWS);

        scheduler.epochCompleted(jobId, 2);
        AugmentationStatus done = awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.storedEpochs().isEmpty());
        assertThat(done.lastCompletedEpoch()).isEqualTo(2);
        assertThat(store.list(ObjectKeys.augmentedPrefix(jobId))).as("finished epochs deleted").isEmpty();
        assertThat(store.exists(ObjectKeys.augmentationState(jobId))).as("state kept until the job ends").isTrue();

        scheduler.jobEnded(jobId);
        assertThat(store.exists(ObjectKeys.augmentationState(jobId))).isFalse();
        assertThat(scheduler.status(jobId)).isEmpty();
    }

    @Test
    void olderAndRepeatedEpochsChangeNothing() throws Exception {
        String jobId = "repeat-" + UUID.randomUUID();
        scheduler.start(prepared(jobId, 10, null));
        awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.storedEpochs().size() == 3);

        scheduler.epochCompleted(jobId, 2);
        scheduler.epochCompleted(jobId, 1);
        scheduler.epochCompleted(jobId, 2);

        AugmentationStatus status = awaitStatus(scheduler, jobId, WAIT, s -> s.waiting() && s.storedEpochs().first() == 3);
        assertThat(status.lastCompletedEpoch()).isEqualTo(2);
        assertThat(status.storedEpochs()).containsExactly(3, 4, 5);
    }

    @Test
    void preparingAgainKeepsProgress() throws Exception {
        String jobId = "again-" + UUID.randomUUID();
        DatasetPrepared prepared = prepared(jobId, 10, null);
        scheduler.start(prepared);
        awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.storedEpochs().size() == 3);
        scheduler.epochCompleted(jobId, 2);
        awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.storedEpochs().first() == 3);

        scheduler.start(prepared);
        scheduler.close();
        AugmentationScheduler restarted = new AugmentationScheduler(new AugmentationStorage(store), chunks,
                listener(), 3, temp);
        scheduler = restarted;
        restarted.recover();

        AugmentationStatus status = awaitStatus(scheduler, jobId, WAIT, AugmentationStatus::waiting);
        assertThat(status.lastCompletedEpoch()).isEqualTo(2);
        assertThat(status.storedEpochs()).containsExactly(3, 4, 5);
    }

    @Test
    void unknownJobIsIgnored() throws Exception {
        scheduler.epochCompleted("never-started", 4);
        scheduler.jobEnded("never-started");

        assertThat(scheduler.status("never-started")).isEmpty();
        assertThat(store.exists(ObjectKeys.augmentationState("never-started"))).isFalse();
    }

    @Test
    void corruptFeaturesFailJob() throws Exception {
        String jobId = "corrupt-" + UUID.randomUUID();
        scheduler.start(prepared(jobId, 3, "0".repeat(64)));

        String reason = failure.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(reason).contains(jobId).contains("SHA-256");
        assertThat(store.list(ObjectKeys.augmentedPrefix(jobId))).isEmpty();
        scheduler.jobEnded(jobId);
        assertThat(store.exists(ObjectKeys.augmentationState(jobId))).as("the JobFailed event ends the job")
                .isFalse();
    }

    @Test
    void restartResumesFromStoredState() throws Exception {
        String jobId = "restart-" + UUID.randomUUID();
        scheduler.start(prepared(jobId, 10, null));
        awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.storedEpochs().size() == 3);
        scheduler.epochCompleted(jobId, 1);
        awaitStatus(scheduler, jobId, WAIT, status -> status.waiting() && status.storedEpochs().last() == 4);
        byte[] epochFour = store.getBytes(ObjectKeys.augmentedFeatures(jobId, 4));
        scheduler.close();
        store.remove(ObjectKeys.augmentedManifest(jobId, 4));
        store.remove(ObjectKeys.augmentedFeatures(jobId, 4));

        AugmentationScheduler restarted = new AugmentationScheduler(new AugmentationStorage(store), chunks,
                listener(), 3, temp);
        try {
            restarted.recover();
            scheduler = restarted;
            AugmentationStatus status = awaitStatus(scheduler, jobId, WAIT, s -> s.waiting() && s.storedEpochs().size() == 3);

            assertThat(status.lastCompletedEpoch()).isEqualTo(1);
            assertThat(status.storedEpochs()).containsExactly(2, 3, 4);
            assertThat(store.getBytes(ObjectKeys.augmentedFeatures(jobId, 4))).as("epoch 4 produced again")
                    .isEqualTo(epochFour);
        } finally {
            restarted.close();
        }
    }

    private AugmentationListener listener() {
        return new AugmentationListener() {
            @Override
            public void epochStored(AugmentationState state, int epoch, long images, Duration augmenting) {
                storedImages.addAndGet(images);
            }

            @Override
            public void failed(AugmentationState state, String reason) {
                failure.complete(reason);
            }
        };
    }

    /** Stores random training features and returns the event that announces them. */
    private DatasetPrepared prepared(String jobId, int epochs, String wrongDigest) throws Exception {
        float[][] images = new float[ROWS][CifarFormat.PIXEL_BYTES];
        Random random = new Random(jobId.hashCode());
        for (float[] image : images) {
            for (int i = 0; i < image.length; i++) {
                image[i] = random.nextFloat();
            }
        }
        Path file = NpyFiles.write(temp.resolve(jobId + "-train_x.npy"), images);
        String key = "datasets/cifar-10/test/prepared/" + jobId + "/train_x.npy";
        store.putFile(key, file, "application/octet-stream");
        ObjectRef features = store.ref(key, Files.size(file), wrongDigest == null ? Digests.sha256Hex(file)
                : wrongDigest);
        TrainingRequest request = TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setModel("cnn")
                .setEpochs(epochs)
                .setSeed(7)
                .setPreprocessing(PreprocessingSpec.newBuilder()
                        .setAugmentation(AugmentationSpec.newBuilder().setEnabled(true)))
                .build();
        return DatasetPrepared.newBuilder()
                .setRequest(request)
                .setPreparedId("p-" + jobId)
                .setTrain(TensorPair.newBuilder().setFeatures(features).setCount(ROWS))
                .build();
    }
}
