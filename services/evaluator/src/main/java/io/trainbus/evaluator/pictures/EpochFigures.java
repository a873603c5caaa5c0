package io.trainbus.evaluator.pictures;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.messaging.Json;

/**
 * The figures of one epoch that the curves show, as the trainer's {@code history.json} and {@code EpochCompleted}
 * carry them.
 *
 * @param epoch 1-based epoch number
 * @param loss mean training loss over the epoch
 * @param accuracy training accuracy, in [0, 1]
 * @param valLoss validation loss at the epoch's end
 * @param valAccuracy validation accuracy at the epoch's end, in [0, 1]
 */
public record EpochFigures(int epoch, double loss, double accuracy, double valLoss, double valAccuracy) {

    /**
     * Parses the trainer's history document: a JSON array with one object per epoch and the keys {@code epoch},
     * {@code loss}, {@code accuracy}, {@code val_loss} and {@code val_accuracy}.
     *
     * @param json the document
     * @param source where it came from, for messages
     * @return the epochs in document order
     * @throws IllegalArgumentException when the document is not such an array
     */
    public static List<EpochFigures> parseHistory(byte[] json, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("The history " + source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("The history " + source + " is not a JSON array of epochs");
        }
        List<EpochFigures> epochs = new ArrayList<>();
        for (JsonNode row : root) {
            if (!row.path("epoch").canConvertToInt() || !row.path("val_accuracy").isNumber()) {
                throw new IllegalArgumentException("The history " + source + " has an entry without a numeric "
                        + "epoch or val_accuracy: " + row);
            }
            epochs.add(new EpochFigures(row.path("epoch").asInt(), row.path("loss").asDouble(),
                    row.path("accuracy").asDouble(), row.path("val_loss").asDouble(),
                    row.path("val_accuracy").asDouble()));
        }
        return epochs;
    }
}
