package io.trainbus.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.models.Checkpoints;
import io.trainbus.proto.v1.AugmentationSpec;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.PreprocessingSpec;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import io.trainbus.trainer.TestTensors;
import io.trainbus.trainer.control.JobControl;
import jakarta.inject.Inject;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A job whose trainer dies after epoch 2 goes on from its last checkpoint in a new TrainingJob (as on another
 * instance) and ends exactly where an uninterrupted run of the same request ends. The backend is ND4J's CPU backend,
 * the model the optimized CNN on a small random slice.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TrainingJobResumeTest {

    private static final int EPOCHS = 3;

    @Inject
    ObjectStore store;

    @Test
    void resumedJobMatchesUninterruptedJob() throws Exception {
        assertThat(Nd4j.getBackend().getClass().getSimpleName()).isEqualTo("CpuBackend");
        DatasetPrepared whole = TestTensors.upload(store, request("whole-" + UUID.randomUUID()), 32, 8);
        DatasetPrepared killed = TestTensors.upload(store, request("killed-" + UUID.randomUUID()), 32, 8);
        // Same tensors for both jobs: point the second job at the first job's objects.
        killed = killed.toBuilder().setTrain(whole.getTrain()).setValidation(whole.getValidation()).build();
        Path work = Files.createDirectories(Path.of("target/trainer-work"));

        List<Integer> wholeEpochs = new ArrayList<>();
        TrainingCompleted uninterrupted = new TrainingJob(store, work,
                (request, result, event, images) -> wholeEpochs.add(event.getEpoch()), JobControl.NONE).run(whole);

        List<EpochCompleted> published = new ArrayList<>();
        DatasetPrepared first = killed;
        Throwable death = catchThrowable(() -> new TrainingJob(store, work, (request, result, event, images) -> {
            published.add(event);
            if (event.getEpoch() == 2) {
                throw new IllegalStateException("trainer process killed after epoch 2");
            }
        }, JobControl.NONE).run(first));
        assertThat(death).hasMessageContaining("killed after epoch 2");
        assertThat(store.exists(ObjectKeys.lastCheckpoint(killed.getRequest().getJobId()))).isTrue();
        assertThat(store.exists(ObjectKeys.history(killed.getRequest().getJobId()))).isFalse();

        TrainingCompleted resumed = new TrainingJob(store, work,
                (request, result, event, images) -> published.add(event), JobControl.NONE).run(killed);

        assertThat(wholeEpochs).containsExactly(1, 2, 3);
        assertThat(published).extracting(EpochCompleted::getEpoch).containsExactly(1, 2, 3);
        assertThat(resumed.getEpochsRun()).isEqualTo(EPOCHS);
        List<Map<String, Object>> history = Json.MAPPER.readValue(
                store.getBytes(resumed.getHistory().getKey()), new TypeReference<>() { });
        assertThat(history).extracting(row -> row.get("epoch")).containsExactly(1, 2, 3);
        assertThat(resumed.getBestEpoch()).isEqualTo(uninterrupted.getBestEpoch());
        assertThat(resumed.getBestValLoss()).isEqualTo(uninterrupted.getBestValLoss());

        MultiLayerNetwork expected = download(uninterrupted.getLastCheckpoint().getKey(), work);
        MultiLayerNetwork actual = download(resumed.getLastCheckpoint().getKey(), work);
        assertThat(actual.getIterationCount()).isEqualTo(expected.getIterationCount());
        assertThat(actual.getEpochCount()).isEqualTo(EPOCHS);
        double difference = actual.params().sub(expected.params()).amaxNumber().doubleValue();
        assertThat(difference).as("largest parameter difference").isLessThanOrEqualTo(1e-6);
        double updaterDifference = actual.getUpdater().getStateViewArray()
                .sub(expected.getUpdater().getStateViewArray()).amaxNumber().doubleValue();
        assertThat(updaterDifference).as("largest RMSprop state difference").isLessThanOrEqualTo(1e-6);
    }

    @Test
    void finishedJobDeliveredAgainIsNotTrainedAgain() throws Exception {
        DatasetPrepared prepared = TestTensors.upload(store, request("again-" + UUID.randomUUID()).toBuilder()
                .setEpochs(1).build(), 32, 16);
        Path work = Files.createDirectories(Path.of("target/trainer-work"));
        TrainingCompleted first = new TrainingJob(store, work, (request, result, event, images) -> { },
                JobControl.NONE).run(prepared);
        List<Integer> epochs = new ArrayList<>();

        TrainingCompleted second = new TrainingJob(store, work,
                (request, result, event, images) -> epochs.add(event.getEpoch()), JobControl.NONE).run(prepared);

        assertThat(epochs).isEmpty();
        assertThat(second.getEpochsRun()).isEqualTo(1);
        assertThat(second.getLastCheckpoint()).isEqualTo(first.getLastCheckpoint());
        assertThat(second.getBestCheckpoint()).isEqualTo(first.getBestCheckpoint());
    }

    private MultiLayerNetwork download(String key, Path work) throws Exception {
        Path file = Files.createTempFile(work, "checkpoint", ".zip");
        try {
            store.getFile(key, file);
            return Checkpoints.read(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Builds an optimized-CNN request with its reference controls, batch 16 and no augmentation (no preprocessing). */
    private static TrainingRequest request(String jobId) {
        return RequestDefaults.apply(TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setModel("optimized-cnn")
                .setEpochs(EPOCHS)
                .setBatchSize(16)
                .setDataset(DatasetSpec.newBuilder().setTrainLimit(40).setValidationSize(8))
                .setPreprocessing(PreprocessingSpec.newBuilder()
                        .setAugmentation(AugmentationSpec.newBuilder().setEnabled(false)))
                .build());
    }
}
