package io.trainbus.common.request;

/**
 * A training request that cannot be run as written. Carries the field at fault and the rejected value so the
 * {@code JobFailed} event can name them.
 */
public class InvalidRequestException extends Exception {

    private final String field;
    private final String value;

    /**
     * @param field request field in Protobuf naming, for example {@code batch_size}; empty when the bytes did not
     *        parse at all
     * @param value the rejected value as text
     * @param message a sentence naming the field, the value and what is allowed
     */
    public InvalidRequestException(String field, String value, String message) {
        super(message);
        this.field = field;
        this.value = value;
    }

    /** @return the request field at fault, or empty */
    public String field() {
        return field;
    }

    /** @return the rejected value as text, or empty */
    public String value() {
        return value;
    }
}
