package io.trainbus.trainer.training;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.models.EpochResult;
import io.trainbus.models.TrainingSummary;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;

/** Builds the trainer's events and its history document from the training loop's figures. */
final class TrainingMessages {

    private TrainingMessages() {
    }

    static EpochCompleted epochCompleted(TrainingRequest request, EpochResult result) {
        return EpochCompleted.newBuilder()
                .setJobId(request.getJobId())
                .setExperimentId(request.getExperimentId())
                .setModel(request.getModel())
                .setEpoch(result.epoch())
                .setEpochs(result.epochs())
                .setLoss(result.loss())
                .setAccuracy(result.accuracy())
                .setValLoss(result.valLoss())
                .setValAccuracy(result.valAccuracy())
                .setSeconds(result.seconds())
                .setImagesPerSecond(result.imagesPerSecond())
                .setBestReplaced(result.bestReplaced())
                .setLearningRate(result.learningRate())
                .build();
    }

    static TrainingCompleted trainingCompleted(DatasetPrepared prepared, TrainingSummary summary, long parameters,
            ObjectRef best, ObjectRef last, ObjectRef history) {
        return TrainingCompleted.newBuilder()
                .setRequest(prepared.getRequest())
                .setPrepared(prepared)
                .setBestCheckpoint(best)
                .setLastCheckpoint(last)
                .setHistory(history)
                .setEpochsRun(summary.epochsRun())
                .setBestEpoch(summary.bestEpoch())
                .setBestValLoss(summary.bestValLoss())
                .setTrainingSeconds(summary.trainingSeconds())
                .setParameters(parameters)
                .setImagesPerSecond(summary.imagesPerSecond())
                .build();
    }

    /** Returns one JSON-ready map per epoch, with the field names of {@code EpochCompleted}. */
    static List<Map<String, Object>> history(List<EpochResult> epochs) {
        return epochs.stream().map(TrainingMessages::historyRow).toList();
    }

    private static Map<String, Object> historyRow(EpochResult result) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", result.epoch());
        row.put("loss", result.loss());
        row.put("accuracy", result.accuracy());
        row.put("val_loss", result.valLoss());
        row.put("val_accuracy", result.valAccuracy());
        row.put("seconds", result.seconds());
        row.put("images_per_second", result.imagesPerSecond());
        row.put("best_replaced", result.bestReplaced());
        row.put("learning_rate", result.learningRate());
        return row;
    }
}
