package io.trainbus.common.cifar;

import java.io.IOException;

/** A file that does not follow the CIFAR-10 binary layout. The message names the file, the offset and the fix. */
public class CifarFormatException extends IOException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong, where, and what to do
     */
    public CifarFormatException(String message) {
        super(message);
    }
}
