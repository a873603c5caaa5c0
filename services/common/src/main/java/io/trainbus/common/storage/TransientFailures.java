package io.trainbus.common.storage;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.Set;

import io.minio.errors.ErrorResponseException;
import io.minio.errors.InvalidResponseException;
import io.minio.errors.ServerException;

/**
 * Tells failures worth a retry (the store or the network may recover) from permanent ones (a retry gets the same
 * error). Transient: connection refused or reset, timeouts and other network errors, HTTP 5xx and 429, and the S3
 * codes {@code SlowDown}, {@code ServiceUnavailable}, {@code InternalError} and {@code RequestTimeout}. Permanent:
 * every other S3 error response (403 access denied, 404 not found, 400 bad request), local file errors and
 * programming errors.
 */
final class TransientFailures {

    private static final Set<String> TRANSIENT_CODES = Set.of("SlowDown", "ServiceUnavailable", "InternalError",
            "RequestTimeout");

    private TransientFailures() {
    }

    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ErrorResponseException response) {
                return isTransientResponse(response);
            }
            if (cause instanceof ServerException server) {
                return server.statusCode() >= 500 || server.statusCode() == 429;
            }
            if (cause instanceof InvalidResponseException) {
                // A body that is not S3 XML, for example a proxy's error page while the store restarts.
                return true;
            }
            if (cause instanceof FileSystemException) {
                // A local file is missing or not writable: retrying does not create it.
                return false;
            }
            if (cause instanceof IOException) {
                return true;
            }
            if (cause == cause.getCause()) {
                break;
            }
        }
        return false;
    }

    private static boolean isTransientResponse(ErrorResponseException response) {
        if (TRANSIENT_CODES.contains(response.errorResponse().code())) {
            return true;
        }
        int status = response.response() == null ? 0 : response.response().code();
        return status >= 500 || status == 429;
    }
}
