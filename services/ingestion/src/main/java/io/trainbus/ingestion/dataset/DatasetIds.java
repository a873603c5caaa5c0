package io.trainbus.ingestion.dataset;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.stream.Collectors;

import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.storage.Digests;

/** Content address of a dataset, so that equal source files map to the same stored objects. */
public final class DatasetIds {

    private DatasetIds() {
    }

    /**
     * Computes the dataset id: the SHA-256 of the lines {@code name:sha256}, one per file, sorted, each ending in
     * a line feed.
     *
     * @param files the source files with their digests
     * @return 64 lower-case hex characters
     */
    public static String of(Collection<RawManifest.FileEntry> files) {
        String lines = files.stream()
                .map(file -> file.name() + ":" + file.sha256() + "\n")
                .sorted()
                .collect(Collectors.joining());
        return Digests.sha256Hex(lines.getBytes(StandardCharsets.UTF_8));
    }
}
