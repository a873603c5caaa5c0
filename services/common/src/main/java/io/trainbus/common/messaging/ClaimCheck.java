package io.trainbus.common.messaging;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.ObjectRef;
import org.apache.kafka.common.header.Headers;

/**
 * The claim check of events too large for a Kafka record: the publisher stores the encoded event as an object and
 * sends a record whose value is the binary {@code ObjectRef} of that object, marked by the header
 * {@value #HEADER}. Consumers that read through {@link ClaimCheckDeserializer}, or call {@link #resolve}, get the
 * original bytes back, checked against the reference's size and SHA-256.
 */
public final class ClaimCheck {

    /** Header that marks a record whose value is an {@code ObjectRef} to the real payload; its value is "1". */
    public static final String HEADER = "trainbus.claim-check";
    /** Content type of the stored payloads. */
    static final String CONTENT_TYPE = "application/x-protobuf";

    private ClaimCheck() {
    }

    /**
     * Stores an event's bytes under a key derived from their digest, so a repeated send stores the same object.
     *
     * @param store where the payload goes
     * @param payload the encoded event
     * @return the reference that the record carries in place of the payload
     */
    public static ObjectRef store(ObjectStore store, byte[] payload) {
        return store.putBytes(ObjectKeys.claimCheck(Digests.sha256Hex(payload)), payload, CONTENT_TYPE);
    }

    /** @return true when the record's headers mark its value as a claim check */
    public static boolean isClaimCheck(Headers headers) {
        return headers != null && headers.lastHeader(HEADER) != null;
    }

    /**
     * Returns a record value as the event bytes: the value itself, or the stored payload when the headers mark a
     * claim check.
     *
     * @param store where claim-checked payloads live
     * @param headers the record's headers
     * @param value the record's value
     * @return the event bytes
     * @throws ClaimCheckException when the reference cannot be parsed or the payload does not match it
     */
    public static byte[] resolve(ObjectStore store, Headers headers, byte[] value) {
        if (!isClaimCheck(headers)) {
            return value;
        }
        ObjectRef ref = parseRef(value);
        byte[] payload = store.getBytes(ref.getKey());
        if (payload.length != ref.getSizeBytes() || !Digests.sha256Hex(payload).equals(ref.getSha256())) {
            throw new ClaimCheckException("The claim-checked payload s3://" + ref.getBucket() + "/" + ref.getKey()
                    + " has " + payload.length + " bytes and SHA-256 " + Digests.sha256Hex(payload)
                    + ", but its record expected " + ref.getSizeBytes() + " bytes and " + ref.getSha256()
                    + ". The object was changed after the record was sent; publish the event again.");
        }
        return payload;
    }

    private static ObjectRef parseRef(byte[] value) {
        try {
            ObjectRef ref = ObjectRef.parseFrom(value == null ? new byte[0] : value);
            if (ref.getKey().isEmpty()) {
                throw new ClaimCheckException("A record with header " + HEADER + " carries no object key; its value"
                        + " must be a binary ObjectRef");
            }
            return ref;
        } catch (InvalidProtocolBufferException e) {
            throw new ClaimCheckException("A record with header " + HEADER + " does not carry a binary ObjectRef: "
                    + e.getMessage(), e);
        }
    }

    /** @return the header value that marks a claim check */
    static byte[] headerValue() {
        return "1".getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the bytes a record of this key and value takes against {@code trainbus.messaging.max-inline-bytes}:
     * the value and the UTF-8 key.
     */
    static long inlineSize(String key, byte[] value) {
        long keyBytes = key == null ? 0 : key.getBytes(StandardCharsets.UTF_8).length;
        return keyBytes + (value == null ? 0 : value.length);
    }
}
