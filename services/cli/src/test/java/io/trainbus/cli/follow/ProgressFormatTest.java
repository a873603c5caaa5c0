package io.trainbus.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import org.junit.jupiter.api.Test;

class ProgressFormatTest {

    private static EpochCompleted.Builder epoch() {
        return EpochCompleted.newBuilder()
                .setJobId("cnn-1").setExperimentId("x").setModel("cnn")
                .setEpoch(3).setEpochs(20)
                .setLoss(1.23454).setAccuracy(0.56123).setValLoss(1.10234).setValAccuracy(0.612)
                .setSeconds(133.6).setImagesPerSecond(336.4);
    }

    @Test
    void epochLineMatchesKerasStyleWithBestCheckpoint() {
        String line = ProgressFormat.epoch(epoch().setBestReplaced(true).build());

        assertThat(line).isEqualTo("[cnn] Epoch 3/20 - 134s - loss: 1.2345 - acc: 0.5612 - val_loss: 1.1023 - "
                + "val_acc: 0.6120 - 336 img/s - best checkpoint replaced");
    }

    @Test
    void epochLineOmitsCheckpointNoteWhenNotReplaced() {
        String line = ProgressFormat.epoch(epoch().setBestReplaced(false).build());

        assertThat(line).endsWith("val_acc: 0.6120 - 336 img/s");
    }

    @Test
    void epochLineWithoutModelUsesJobId() {
        String line = ProgressFormat.epoch(epoch().setModel("").build());

        assertThat(line).startsWith("[cnn-1] Epoch 3/20");
    }

    @Test
    void failureLineNamesStageAndReason() {
        JobFailed failed = JobFailed.newBuilder().setJobId("mlp-1").setStage("ingestion")
                .setReason("Invalid batch_size '0': it must be from 1 to 8192.").build();

        assertThat(ProgressFormat.failure(failed, "mlp"))
                .isEqualTo("[mlp] Job mlp-1 failed in ingestion: Invalid batch_size '0': it must be from 1 to 8192.");
        assertThat(ProgressFormat.failure(failed, "")).startsWith("[mlp-1] Job mlp-1 failed in ingestion");
    }

    @Test
    void evaluationLineShowsTestFiguresAndBestEpoch() {
        EvaluationCompleted evaluation = EvaluationCompleted.newBuilder().setJobId("cnn-1").setModel("cnn")
                .setTestLoss(0.98765).setTestAccuracy(0.6543).setBestEpoch(7).setEpochsRun(20).setTestCount(10000)
                .build();

        assertThat(ProgressFormat.evaluation(evaluation)).isEqualTo(
                "[cnn] Job cnn-1 evaluated - test_loss: 0.9877 - test_acc: 0.6543 (best epoch 7 of 20, 10000 test "
                        + "images)");
    }

    @Test
    void durationUsesLargestUnits() {
        assertThat(ProgressFormat.duration(0)).isEqualTo("0s");
        assertThat(ProgressFormat.duration(42.4)).isEqualTo("42s");
        assertThat(ProgressFormat.duration(134)).isEqualTo("2m 14s");
        assertThat(ProgressFormat.duration(3723)).isEqualTo("1h 02m 03s");
    }
}
