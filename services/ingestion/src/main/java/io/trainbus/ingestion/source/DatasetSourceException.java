package io.trainbus.ingestion.source;

import java.io.IOException;

/** A dataset source that cannot be read, fetched or unpacked. The message names the source and the fix. */
public class DatasetSourceException extends IOException {

    /**
     * Creates the exception.
     *
     * @param message what failed, on which source, and what to do
     */
    public DatasetSourceException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, on which source, and what to do
     * @param cause the underlying failure
     */
    public DatasetSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
