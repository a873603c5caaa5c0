package io.trainbus.evaluator.evaluation;

import io.trainbus.models.Score;
import io.trainbus.proto.v1.EvaluationCompleted;

/**
 * Outcome of one evaluation.
 *
 * @param event the event to publish, naming the stored report
 * @param score the test figures, with the confusion matrix that the event does not carry
 */
public record EvaluationResult(EvaluationCompleted event, Score score) {
}
