package io.trainbus.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static JobOutcome succeeded(String jobId, String model, long parameters, double accuracy) {
        EvaluationCompleted evaluation = EvaluationCompleted.newBuilder().setJobId(jobId).setModel(model)
                .setParameters(parameters).setEpochsRun(20).setBestEpoch(17).setTestAccuracy(accuracy)
                .setTestLoss(0.91234).setTrainingSeconds(2700).build();
        return new JobOutcome(jobId, model, evaluation, null);
    }

    @Test
    void tableHasOneRowPerJob() {
        String table = ResultsTable.render(List.of(
                succeeded("ref-mlp", "mlp", 3_590_642, 0.5234),
                succeeded("ref-cnn", "cnn", 528_054, 0.7012)));
        List<String> lines = table.lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("Model  Job      Parameters  Epochs run  Best epoch  Test acc");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines.get(1)).hasSize(lines.get(0).length());
        assertThat(lines.get(2)).contains("mlp", "ref-mlp", "3,590,642", "20", "17", "0.5234", "0.9123", "45m 00s",
                "ok");
        assertThat(lines.get(3)).contains("cnn", "ref-cnn", "528,054", "0.7012");
    }

    @Test
    void numbersAreRightAligned() {
        List<String> lines = ResultsTable.render(List.of(
                succeeded("a", "mlp", 3_590_642, 0.5),
                succeeded("b", "cnn", 528_054, 0.7))).lines().toList();

        int endOfParameters = lines.get(2).indexOf("3,590,642") + "3,590,642".length();
        assertThat(lines.get(3).indexOf("528,054") + "528,054".length()).isEqualTo(endOfParameters);
    }

    @Test
    void jobWithoutModelShowsDashAsModel() {
        JobFailed failure = JobFailed.newBuilder().setJobId("bad-source-1").setStage("ingestion")
                .setReason("not allowed").build();

        String row = ResultsTable.render(List.of(new JobOutcome("bad-source-1", "", null, failure)))
                .lines().toList().get(2);

        assertThat(row).startsWith("-  ");
        assertThat(row).contains("bad-source-1");
        assertThat(row.indexOf("bad-source-1")).isEqualTo(row.lastIndexOf("bad-source-1"));
        assertThat(row).endsWith("failed in ingestion");
    }

    @Test
    void failedJobShowsStageAndNoFigures() {
        JobFailed failure = JobFailed.newBuilder().setJobId("ref-cnn").setStage("trainer").setReason("out of memory")
                .build();

        String row = ResultsTable.render(List.of(new JobOutcome("ref-cnn", "cnn", null, failure)))
                .lines().toList().get(2);

        assertThat(row).startsWith("cnn");
        assertThat(row).endsWith("failed in trainer");
        assertThat(row).doesNotContain("0.");
    }
}
