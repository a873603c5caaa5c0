package io.trainbus.evaluator.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import io.trainbus.common.messaging.Topics;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

class JobRegistryTest {

    private final JobRegistry registry = new JobRegistry();

    @Test
    void stateFollowsPipelineOrder() {
        registry.apply(Topics.REQUESTS, "j1", json("{\"jobId\": \"j1\", \"experimentId\": \"x\", \"model\": \"mlp\","
                + " \"epochs\": 2}"), 1);
        assertThat(registry.job("j1").orElseThrow().state()).isEqualTo(JobState.SUBMITTED);

        registry.apply(Topics.TRAINING_EPOCHS, "j1", epoch("j1", 1).toByteArray(), 2);
        assertThat(registry.job("j1").orElseThrow().state()).isEqualTo(JobState.TRAINING);

        registry.apply(Topics.EVALUATIONS, "j1", evaluation("j1").toByteArray(), 3);
        JobView job = registry.job("j1").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.EVALUATED);
        assertThat(job.experimentId()).isEqualTo("x");
        assertThat(job.model()).isEqualTo("mlp");
        assertThat(job.epochsPlanned()).isEqualTo(2);
        assertThat(job.testAccuracy()).isEqualTo(0.42);
        assertThat(job.reportKey()).isEqualTo("jobs/j1/report.json");
        assertThat(job.updatedAtMs()).isEqualTo(3);
    }

    @Test
    void laterTopicReadFirstKeepsState() {
        // The replay reads topics side by side, so an evaluation can arrive before the epochs of its job.
        registry.apply(Topics.EVALUATIONS, "j1", evaluation("j1").toByteArray(), 5);
        registry.apply(Topics.TRAINING_EPOCHS, "j1", epoch("j1", 1).toByteArray(), 2);
        registry.apply(Topics.TRAINING_COMPLETED, "j1", completed("j1").toByteArray(), 4);

        JobView job = registry.job("j1").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.EVALUATED);
        assertThat(job.epochs()).hasSize(1);
        assertThat(job.updatedAtMs()).isEqualTo(5);
    }

    @Test
    void failureEndsJobFromAnyState() {
        registry.apply(Topics.TRAINING_EPOCHS, "j1", epoch("j1", 1).toByteArray(), 1);
        registry.apply(Topics.JOBS_FAILED, "j1", JobFailed.newBuilder().setJobId("j1").setExperimentId("x")
                .setStage("trainer").setReason("out of memory").build().toByteArray(), 2);
        registry.apply(Topics.TRAINING_EPOCHS, "j1", epoch("j1", 2).toByteArray(), 3);

        JobView job = registry.job("j1").orElseThrow();
        assertThat(job.state()).isEqualTo(JobState.FAILED);
        assertThat(job.failedStage()).isEqualTo("trainer");
        assertThat(job.failureReason()).isEqualTo("out of memory");
    }

    @Test
    void repeatedRecordsChangeNothing() {
        for (int i = 0; i < 3; i++) {
            registry.apply(Topics.TRAINING_EPOCHS, "j1", epoch("j1", 1).toByteArray(), 1);
            registry.apply(Topics.TRAINING_EPOCHS, "j1", epoch("j1", 2).toByteArray(), 2);
        }

        assertThat(registry.job("j1").orElseThrow().epochs()).extracting(EpochEntry::epoch).containsExactly(1, 2);
        assertThat(registry.jobs()).hasSize(1);
    }

    @Test
    void unreadableRecordsAreSkipped() {
        boolean garbage = registry.apply(Topics.TRAINING_EPOCHS, "j1", new byte[] {(byte) 0xff, 1, 2}, 1);
        boolean badRequest = registry.apply(Topics.REQUESTS, "j2", json("{not json"), 1);
        boolean noJob = registry.apply(Topics.JOBS_FAILED, null, JobFailed.newBuilder().setStage("ingestion")
                .build().toByteArray(), 1);

        assertThat(garbage).isFalse();
        assertThat(badRequest).isFalse();
        assertThat(noJob).isFalse();
        assertThat(registry.jobs()).isEmpty();
        assertThat(registry.skippedRecords()).isEqualTo(3);
    }

    @Test
    void experimentListsOnlyItsJobs() {
        registry.apply(Topics.TRAINING_EPOCHS, "b", epoch("b", 1).toBuilder().setExperimentId("x").build()
                .toByteArray(), 1);
        registry.apply(Topics.TRAINING_EPOCHS, "a", epoch("a", 1).toBuilder().setExperimentId("x").build()
                .toByteArray(), 1);
        registry.apply(Topics.TRAINING_EPOCHS, "c", epoch("c", 1).toBuilder().setExperimentId("y").build()
                .toByteArray(), 1);

        assertThat(registry.experiment("x")).extracting(JobView::jobId).containsExactly("a", "b");
        assertThat(registry.experiment("z")).isEmpty();
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static EpochCompleted epoch(String jobId, int epoch) {
        return EpochCompleted.newBuilder().setJobId(jobId).setExperimentId("x").setModel("mlp").setEpoch(epoch)
                .setEpochs(2).setLoss(1.5).setAccuracy(0.4).setValLoss(1.6).setValAccuracy(0.38).build();
    }

    private static TrainingCompleted completed(String jobId) {
        return TrainingCompleted.newBuilder()
                .setRequest(TrainingRequest.newBuilder().setJobId(jobId).setExperimentId("x").setModel("mlp"))
                .setBestEpoch(1)
                .build();
    }

    private static EvaluationCompleted evaluation(String jobId) {
        return EvaluationCompleted.newBuilder().setJobId(jobId).setExperimentId("x").setModel("mlp")
                .setBestEpoch(1).setTestAccuracy(0.42).setTestLoss(1.7)
                .setReport(ObjectRef.newBuilder().setKey("jobs/" + jobId + "/report.json")).build();
    }
}
