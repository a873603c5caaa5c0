package io.trainbus.evaluator.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.messaging.Json;
import io.trainbus.models.Score;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static final List<String> CLASSES = List.of("cat", "dog", "ship");

    @Test
    void perClassFiguresComeFromConfusionMatrix() throws Exception {
        // Rows are actual classes: 3 cats (2 right), 1 dog (0 right), no ships; the dog was predicted as a cat.
        int[][] confusion = {{2, 1, 0}, {1, 0, 0}, {0, 0, 0}};
        Score score = new Score(1.25, 0.5, 4, confusion);

        JsonNode report = Json.MAPPER.readTree(EvaluationReport.toJson(completed(), score, CLASSES, List.of()));

        JsonNode perClass = report.path("per_class");
        assertThat(perClass.size()).isEqualTo(3);
        JsonNode cat = perClass.get(0);
        assertThat(cat.path("class_name").asText()).isEqualTo("cat");
        assertThat(cat.path("count").asInt()).isEqualTo(3);
        assertThat(cat.path("predicted").asInt()).isEqualTo(3);
        assertThat(cat.path("correct").asInt()).isEqualTo(2);
        assertThat(cat.path("precision").asDouble()).isEqualTo(2.0 / 3);
        assertThat(cat.path("recall").asDouble()).isEqualTo(2.0 / 3);
        assertThat(cat.path("f1").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        JsonNode dog = perClass.get(1);
        assertThat(dog.path("precision").asDouble()).as("precision of dog, predicted once, wrongly").isZero();
        assertThat(dog.path("recall").asDouble()).isZero();
        assertThat(dog.path("f1").asDouble()).as("F1 when precision and recall are 0").isZero();
        JsonNode ship = perClass.get(2);
        assertThat(ship.path("count").asInt()).isZero();
        assertThat(ship.path("precision").isNull()).as("precision of a class never predicted").isTrue();
        assertThat(ship.path("recall").isNull()).as("recall of a class without images").isTrue();
        assertThat(ship.path("f1").isNull()).as("F1 of a class without images").isTrue();
        assertThat(report.path("macro_precision").asDouble()).as("mean over cat and dog").isEqualTo(1.0 / 3);
        assertThat(report.path("macro_recall").asDouble()).isEqualTo(1.0 / 3);
        assertThat(report.path("macro_f1").asDouble()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void reportCarriesJobFiguresAndRequest() throws Exception {
        Score score = new Score(1.25, 0.5, 4, new int[][] {{2, 1, 0}, {1, 0, 0}, {0, 0, 0}});
        List<ObjectRef> pictures = List.of(ObjectRef.newBuilder().setKey("jobs/j1/pictures/loss-curves.png").build());

        JsonNode report = Json.MAPPER.readTree(EvaluationReport.toJson(completed(), score, CLASSES, pictures));

        assertThat(report.path("job_id").asText()).isEqualTo("j1");
        assertThat(report.path("experiment_id").asText()).isEqualTo("x1");
        assertThat(report.path("model").asText()).isEqualTo("mlp");
        assertThat(report.path("parameters").asLong()).isEqualTo(3_590_642L);
        assertThat(report.path("epochs_run").asInt()).isEqualTo(4);
        assertThat(report.path("best_epoch").asInt()).isEqualTo(3);
        assertThat(report.path("test_accuracy").asDouble()).isEqualTo(0.5);
        assertThat(report.path("test_loss").asDouble()).isEqualTo(1.25);
        assertThat(report.path("test_count").asInt()).isEqualTo(4);
        assertThat(report.path("training_seconds").asDouble()).isEqualTo(60.5);
        assertThat(report.path("images_per_second").asDouble()).isEqualTo(400.0);
        assertThat(report.path("history_key").asText()).isEqualTo("jobs/j1/history.json");
        assertThat(report.path("confusion_matrix").get(1).get(0).asInt()).isEqualTo(1);
        assertThat(report.path("picture_keys").get(0).asText()).isEqualTo("jobs/j1/pictures/loss-curves.png");
        assertThat(report.path("request").path("job_id").asText()).isEqualTo("j1");
        assertThat(report.path("request").path("epochs").asInt()).isEqualTo(4);
    }

    private static TrainingCompleted completed() {
        TrainingRequest request = TrainingRequest.newBuilder()
                .setJobId("j1").setExperimentId("x1").setModel("mlp").setEpochs(4).build();
        return TrainingCompleted.newBuilder()
                .setRequest(request)
                .setPrepared(DatasetPrepared.newBuilder().setRequest(request).setDatasetId("d1"))
                .setHistory(ObjectRef.newBuilder().setKey("jobs/j1/history.json"))
                .setEpochsRun(4)
                .setBestEpoch(3)
                .setParameters(3_590_642L)
                .setTrainingSeconds(60.5)
                .setImagesPerSecond(400.0)
                .build();
    }
}
