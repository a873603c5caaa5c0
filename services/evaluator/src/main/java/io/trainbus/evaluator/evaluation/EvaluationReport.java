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
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingCompleted;

/**
 * Builds the JSON report of a job: what was trained, how training went, and the test figures of the best
 * checkpoint, with per-class precision, recall and F1 and the confusion matrix. Field names are snake_case like the
 * Protobuf field names of the events.
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
     * @param pictures the job's stored pictures
     * @return indented JSON
     */
    static String toJson(TrainingCompleted completed, Score score, List<String> classNames, List<ObjectRef> pictures) {
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
        List<ClassFigures> figures = ClassFigures.of(score.confusion(), classNames);
        report.put("macro_precision", ClassFigures.macroAverage(figures, ClassFigures::precision));
        report.put("macro_recall", ClassFigures.macroAverage(figures, ClassFigures::recall));
        report.put("macro_f1", ClassFigures.macroAverage(figures, ClassFigures::f1));
        report.put("per_class", perClass(figures));
        report.put("confusion_matrix", score.confusion());
        report.put("training_seconds", completed.getTrainingSeconds());
        report.put("images_per_second", completed.getImagesPerSecond());
        report.put("best_checkpoint_key", completed.getBestCheckpoint().getKey());
        report.put("history_key", completed.getHistory().getKey());
        report.put("picture_keys", pictures.stream().map(ObjectRef::getKey).toList());
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

    /** Returns one JSON-ready map per class, with snake_case keys. */
    private static List<Map<String, Object>> perClass(List<ClassFigures> figures) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (ClassFigures entry : figures) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class_index", entry.classIndex());
            row.put("class_name", entry.className());
            row.put("count", entry.count());
            row.put("predicted", entry.predicted());
            row.put("correct", entry.correct());
            row.put("precision", entry.precision());
            row.put("recall", entry.recall());
            row.put("f1", entry.f1());
            rows.add(row);
        }
        return rows;
    }
}
