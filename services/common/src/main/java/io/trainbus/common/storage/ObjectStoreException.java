package io.trainbus.common.storage;

/** An object-store call failed; the message names the object and the endpoint. */
public class ObjectStoreException extends RuntimeException {

    public ObjectStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
