package io.trainbus.ingestion.source;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Cache location and limits for fetching and unpacking a dataset source.
 *
 * @param cacheDir folder that keeps downloaded and unpacked archives between jobs
 * @param connectTimeout limit on opening an HTTP connection
 * @param downloadTimeout limit on a whole download, from request to last byte
 * @param maxDownloadBytes largest archive accepted from a URL, in bytes
 * @param maxUnpackedBytes largest total size of the files taken from an archive, in bytes
 * @param maxArchiveEntries largest number of entries read from an archive
 */
public record SourceSettings(Path cacheDir, Duration connectTimeout, Duration downloadTimeout, long maxDownloadBytes,
        long maxUnpackedBytes, int maxArchiveEntries) {
}
