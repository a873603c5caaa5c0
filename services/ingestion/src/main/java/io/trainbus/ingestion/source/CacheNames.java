package io.trainbus.ingestion.source;

import java.nio.charset.StandardCharsets;

import io.trainbus.common.storage.Digests;

/** Folder and file names inside the cache, derived from what they were made from so that they can be reused. */
final class CacheNames {

    /** Hex digits of SHA-256 kept in a cache name. Their 64 bits make an accidental collision negligible. */
    private static final int DIGEST_CHARS = 16;

    private CacheNames() {
    }

    /** @return a short hex digest of {@code text}, safe as part of a file name */
    static String shortDigest(String text) {
        return Digests.sha256Hex(text.getBytes(StandardCharsets.UTF_8)).substring(0, DIGEST_CHARS);
    }
}
