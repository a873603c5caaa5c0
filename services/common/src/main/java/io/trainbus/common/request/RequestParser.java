package io.trainbus.common.request;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Reads a {@code TrainingRequest} from the bytes of a Kafka record: the Protobuf JSON mapping when the first
 * non-blank byte is '{', binary Protobuf otherwise. A binary message never starts with '{' because that byte would
 * open a field-15 group, a wire type the schema does not use.
 */
public final class RequestParser {

    /**
     * Default largest request accepted, in bytes (64 KiB). Real requests are under 2 KiB, and even a request that
     * lists a hundred custom layers stays under 16 KiB; the ingestion service's
     * {@code trainbus.ingestion.max-request-bytes} changes the limit.
     */
    public static final int MAX_REQUEST_BYTES = 64 * 1024;

    private static final JsonFormat.Parser JSON = JsonFormat.parser();

    private RequestParser() {
    }

    /**
     * Parses a request of at most {@link #MAX_REQUEST_BYTES} without applying defaults or checking values.
     *
     * @param bytes the record value
     * @return the request as sent
     * @throws InvalidRequestException when the bytes are empty, too large, or neither valid JSON nor Protobuf
     */
    public static TrainingRequest parse(byte[] bytes) throws InvalidRequestException {
        return parse(bytes, MAX_REQUEST_BYTES);
    }

    /**
     * Parses a request without applying defaults or checking values.
     *
     * @param bytes the record value
     * @param maxBytes largest request accepted, in bytes
     * @return the request as sent
     * @throws InvalidRequestException when the bytes are empty, larger than {@code maxBytes}, or neither valid JSON
     *         nor Protobuf
     */
    public static TrainingRequest parse(byte[] bytes, int maxBytes) throws InvalidRequestException {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidRequestException("", "", "The request is empty. Publish a TrainingRequest as JSON "
                    + "(for example {\"jobId\": \"j1\", \"model\": \"cnn\"}) or as binary Protobuf.");
        }
        checkSize(bytes.length, maxBytes);
        if (looksLikeJson(bytes)) {
            return parseJson(new String(bytes, StandardCharsets.UTF_8));
        }
        try {
            return TrainingRequest.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRequestException("", "", "The request is neither JSON nor binary Protobuf ("
                    + e.getMessage() + "). Publish the JSON mapping of TrainingRequest or its binary encoding.");
        }
    }

    /**
     * Checks the encoded size of a request against a limit.
     *
     * @param size the request's size in bytes
     * @param maxBytes largest request accepted, in bytes
     * @throws InvalidRequestException naming both sizes when the request is larger
     */
    public static void checkSize(int size, int maxBytes) throws InvalidRequestException {
        if (size > maxBytes) {
            throw new InvalidRequestException("", size + " bytes", "The request is " + size + " bytes, over the "
                    + "limit of " + maxBytes + " bytes (trainbus.ingestion.max-request-bytes). Requests name data "
                    + "by reference and never carry it; shorten the request.");
        }
    }

    private static TrainingRequest parseJson(String json) throws InvalidRequestException {
        TrainingRequest.Builder builder = TrainingRequest.newBuilder();
        try {
            JSON.merge(json, builder);
            return builder.build();
        } catch (InvalidProtocolBufferException e) {
            Optional<JsonFieldLocator.BadField> bad = JsonFieldLocator.locate(json, TrainingRequest.getDescriptor());
            String field = bad.map(JsonFieldLocator.BadField::path).orElse("");
            String value = bad.map(JsonFieldLocator.BadField::value).orElse("");
            String where = field.isEmpty() ? "" : " in field " + field + " (value " + value + ")";
            throw new InvalidRequestException(field, value, "The request JSON is invalid" + where + ": "
                    + withoutExceptionName(e.getMessage()) + ". Field names and types are those of TrainingRequest "
                    + "in proto/src/main/proto/trainbus/v1/training_request.proto (jobId or job_id both work).");
        }
    }

    /** Drops a leading Java class name, such as "java.io.EOFException: ", that the JSON parser passes through. */
    private static String withoutExceptionName(String message) {
        return message == null ? "" : message.replaceFirst("^(?:[\\w$]+\\.)+\\w*(?:Exception|Error): ", "");
    }

    private static boolean looksLikeJson(byte[] bytes) {
        for (byte b : bytes) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{';
        }
        return false;
    }
}
