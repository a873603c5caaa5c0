package io.trainbus.evaluator.evaluation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.trainbus.common.messaging.Json;
import io.trainbus.models.Score;
import io.trainbus.proto.v1.TrainingCompleted;

/**
 * Builds the JSON report of a job: what was trained, how training went, and the test figures of the best
 * checkpoint, with per-class accuracy and the confusion matrix. Field names are snake_case like the Protobuf
 * field names of the events.
 */
final class EvaluationReport {

    private EvaluationReport() {
    }

    /**
     * Renders the report.
     *
     * @param completed the trainer's event, with the request and the prepared data
     * @param score the best checkpoint's figures on the test split
     * @param classNames class names in label order, one per row of the confusion matrix
     * @return indented JSON
     */
    static String toJson(TrainingCompleted completed, Score score, List<String> classNames) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("job_id", completed.getRequest().getJobId());
        report.put("experiment_id", completed.getRequest().getExperimentId());
        report.put("model", completed.getRequest().getModel());
        report.put("parameters", completed.getParameters());
        report.put("dataset_id", completed.getPrepared().getDatasetId());
        report.put("prepared_id", completed.getPrepared().getPreparedId());
        report.put("epochs_run", completed.getEpochsRun());
        report.put("best_epoch", completed.getBestEpoch());
        report.put("best_val_loss", completed.getBestValLoss());
        report.put("test_accuracy", score.accuracy());
        report.put("test_loss", score.loss());
        report.put("test_count", score.count());
        report.put("class_names", classNames);
        report.put("per_class_accuracy", perClass(score.confusion(), classNames));
        report.put("confusion_matrix", score.confusion());
        report.put("training_seconds", completed.getTrainingSeconds());
        report.put("images_per_second", completed.getImagesPerSecond());
        report.put("best_checkpoint_key", completed.getBestCheckpoint().getKey());
        report.put("history_key", completed.getHistory().getKey());
        try {
            String request = JsonFormat.printer().preservingProtoFieldNames().print(completed.getRequest());
            report.put("request", Json.MAPPER.readTree(request));
            return Json.MAPPER.writeValueAsString(report);
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            // Both only fail on types the mapper cannot handle, and the report contains none.
            throw new IllegalStateException("Rendering the report of job " + completed.getRequest().getJobId()
                    + " as JSON failed: " + e.getMessage(), e);
        }
    }

    /**
     * Computes accuracy per actual class from the confusion matrix. A class without test images gets a null
     * accuracy, because JSON has no NaN.
     */
    private static List<Map<String, Object>> perClass(int[][] confusion, List<String> classNames) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int actual = 0; actual < confusion.length; actual++) {
            int count = 0;
            for (int predicted : confusion[actual]) {
                count += predicted;
            }
            int correct = confusion[actual][actual];
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class_index", actual);
            row.put("class_name", classNames.get(actual));
            row.put("count", count);
            row.put("correct", correct);
            row.put("accuracy", count == 0 ? null : (double) correct / count);
            rows.add(row);
        }
        return rows;
    }
}
