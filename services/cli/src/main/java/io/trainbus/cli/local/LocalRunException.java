package io.trainbus.cli.local;

/** A step of the local run failed; the message names the step, the cause and what to do. */
public class LocalRunException extends Exception {

    /**
     * @param message what failed and what to do
     */
    public LocalRunException(String message) {
        super(message);
    }

    /**
     * @param message what failed and what to do
     * @param cause the underlying error
     */
    public LocalRunException(String message, Throwable cause) {
        super(message, cause);
    }
}
