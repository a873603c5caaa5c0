package io.trainbus.common.dataset;

import java.io.IOException;

/** A dataset file that does not follow its format. The message names the file, the offset or count, and the fix. */
public class DatasetFormatException extends IOException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong, where, and what to do
     */
    public DatasetFormatException(String message) {
        super(message);
    }
}
