package io.trainbus.common.cifar;

import java.util.List;
import java.util.Map;

/**
 * Content of {@code manifest.json} under a raw dataset prefix, written by ingestion after every source file and read
 * by preprocessing. Jackson serialises it, with the component names as JSON keys.
 *
 * @param dataset catalog name, for example {@code cifar-10}
 * @param datasetId SHA-256 over the sorted {@code name:sha256} lines of {@link #files}
 * @param classNames class names in label order
 * @param splits record counts of the {@code train} and {@code test} splits
 * @param files every stored source file, in {@link CifarFormat#ALL_FILES} order
 */
public record RawManifest(String dataset, String datasetId, List<String> classNames, Map<String, SplitCounts> splits,
        List<FileEntry> files) {

    public static final String TRAIN = "train";
    public static final String TEST = "test";

    /**
     * Record counts of one split.
     *
     * @param records total records
     * @param perClass records per label, index = label
     */
    public record SplitCounts(long records, List<Long> perClass) {
    }

    /**
     * One stored source file.
     *
     * @param name file name, also the last part of its object key
     * @param sizeBytes size in bytes
     * @param sha256 lower-case hex SHA-256 of the content
     * @param records number of image records, 0 for the class-names file
     */
    public record FileEntry(String name, long sizeBytes, String sha256, long records) {
    }

    /**
     * Looks a file up by name.
     *
     * @param name file name
     * @return the entry
     * @throws IllegalArgumentException when the manifest has no such file
     */
    public FileEntry file(String name) {
        return files.stream().filter(entry -> entry.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The manifest of dataset " + datasetId
                        + " lists no file " + name + "; ingest the dataset again."));
    }
}
