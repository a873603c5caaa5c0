package io.trainbus.cli.local;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * S3 credentials made up for one local run. The local stack accepts only these, and they live only in the
 * environment of the processes the run starts.
 *
 * @param accessKey 20 hex characters
 * @param secretKey 40 hex characters (160 random bits)
 */
public record StorageCredentials(String accessKey, String secretKey) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** @return new random credentials */
    public static StorageCredentials random() {
        return new StorageCredentials(randomHex(10), randomHex(20));
    }

    private static String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    /** Returns a text form without the secret key, so that logging the record cannot leak it. */
    @Override
    public String toString() {
        return "StorageCredentials[accessKey=" + accessKey + ", secretKey=<hidden>]";
    }
}
