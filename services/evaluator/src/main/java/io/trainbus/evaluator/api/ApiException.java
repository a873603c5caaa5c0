package io.trainbus.evaluator.api;

/** A request the read API cannot serve; the mapper turns it into a JSON error with this status. */
public class ApiException extends RuntimeException {

    private final int status;

    /**
     * @param status HTTP status, 400 or above
     * @param message what was not found or is invalid, and what to do
     */
    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** @return the HTTP status */
    public int status() {
        return status;
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }
}
