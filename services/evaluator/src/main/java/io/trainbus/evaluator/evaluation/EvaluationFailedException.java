package io.trainbus.evaluator.evaluation;

/** An evaluation cannot go on because an input is missing or inconsistent. The message names the input and the fix. */
public class EvaluationFailedException extends RuntimeException {

    /**
     * @param message what failed, on which object, and what to do
     */
    public EvaluationFailedException(String message) {
        super(message);
    }
}
