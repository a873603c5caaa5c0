package io.trainbus.ingestion.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import io.trainbus.common.request.PrintableText;
import io.trainbus.common.storage.Digests;

/**
 * A source with an optional expected SHA-256 of its archive, written after it as {@code #sha256=<64 hex digits>}
 * (the convention pip uses for package URLs). The suffix is never sent to a server.
 *
 * @param location the source without the suffix
 * @param sha256 the expected digest in lowercase hex, or null when the source names none
 */
record PinnedSource(String location, String sha256) {

    static final String MARKER = "#sha256=";

    /**
     * Splits a source into its location and expected digest.
     *
     * @param source URL or path, possibly ending in {@code #sha256=...}
     * @return the parts
     * @throws DatasetSourceException when the digest is not 64 hex digits
     */
    static PinnedSource parse(String source) throws DatasetSourceException {
        String trimmed = source.strip();
        int at = trimmed.lastIndexOf(MARKER);
        if (at < 0) {
            return new PinnedSource(trimmed, null);
        }
        String hex = trimmed.substring(at + MARKER.length()).toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{64}")) {
            throw new DatasetSourceException("Invalid checksum '" + PrintableText.of(hex) + "' in dataset source "
                    + PrintableText.of(trimmed.substring(0, at)) + ": write " + MARKER
                    + " followed by the archive's 64 hex digits (sha256sum prints them).");
        }
        return new PinnedSource(trimmed.substring(0, at), hex);
    }

    /**
     * Checks the archive against the expected digest, if any. A copy in the cache that does not match is deleted,
     * so that the next job fetches it again.
     *
     * @param archive the fetched or local archive
     * @param cached whether the file is a cached copy that may be deleted
     * @throws DatasetSourceException naming both digests when they differ
     */
    void verify(Path archive, boolean cached) throws DatasetSourceException {
        if (sha256 == null) {
            return;
        }
        String actual;
        try {
            actual = Digests.sha256Hex(archive);
        } catch (IOException e) {
            throw new DatasetSourceException("Reading " + archive + " to check its SHA-256 failed: " + e.getMessage(),
                    e);
        }
        if (actual.equals(sha256)) {
            return;
        }
        if (cached) {
            try {
                Files.deleteIfExists(archive);
            } catch (IOException e) {
                throw new DatasetSourceException("Deleting the mismatched copy " + archive + " failed: "
                        + e.getMessage() + ". Delete it by hand.", e);
            }
        }
        throw new DatasetSourceException("Checksum mismatch for dataset source " + location + ": the archive ("
                + archive + ") has SHA-256 " + actual + ", but the source names " + sha256 + ". The file is "
                + "damaged or was replaced: fetch it again, or correct the " + MARKER + " value.");
    }

    /**
     * Rejects a digest on a source of several files, which has no single file to check.
     *
     * @param description what the source is, for the message, for example "the folder /data/x"
     * @throws DatasetSourceException when the source names a digest
     */
    void requireNoDigestFor(String description) throws DatasetSourceException {
        if (sha256 != null) {
            throw new DatasetSourceException("Dataset source " + location + " is " + description + ", but a " + MARKER
                    + " checksum applies only to an archive. Remove the checksum or name the archive.");
        }
    }
}
