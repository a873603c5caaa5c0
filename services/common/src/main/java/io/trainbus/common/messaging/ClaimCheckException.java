package io.trainbus.common.messaging;

/** A claim-checked record cannot be resolved: its reference is malformed or the stored payload does not match. */
public class ClaimCheckException extends RuntimeException {

    public ClaimCheckException(String message) {
        super(message);
    }

    public ClaimCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
