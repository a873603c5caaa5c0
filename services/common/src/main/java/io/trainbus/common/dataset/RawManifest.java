package io.trainbus.common.dataset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.common.cifar.CifarFormat;

/**
 * Content of {@code manifest.json} under a raw dataset prefix, written by ingestion after every stored file and read
 * by preprocessing and the evaluator. Jackson serialises it, with the component names as JSON keys.
 *
 * <p>Every dataset is stored as raw record files ({@link RecordReader}): CIFAR-10's own .bin files, or files that
 * ingestion converted from another format. Each split lists its record files in the order their records are used.
 *
 * @param dataset catalog name, for example {@code cifar-10}
 * @param datasetId SHA-256 over the sorted {@code name:sha256} lines of {@link #files}
 * @param shape the size of every image
 * @param classNames class names in label order
 * @param splits record counts and files of the {@code train} and {@code test} splits
 * @param files every stored file
 */
public record RawManifest(String dataset, String datasetId, ImageShape shape, List<String> classNames,
        Map<String, SplitCounts> splits, List<FileEntry> files) {

    public static final String TRAIN = "train";
    public static final String TEST = "test";

    /**
     * Fills in the shape and record files of a CIFAR-10 manifest stored before they were recorded, so that such a
     * dataset is still read and reused.
     */
    public RawManifest {
        if (CifarFormat.DATASET.equals(dataset)) {
            if (shape == null) {
                shape = CifarFormat.SHAPE;
            }
            if (splits != null && splits.values().stream().anyMatch(split -> split.files() == null)) {
                Map<String, SplitCounts> filled = new LinkedHashMap<>();
                splits.forEach((name, split) -> filled.put(name, split.files() != null ? split
                        : new SplitCounts(split.records(), split.perClass(),
                                TEST.equals(name) ? List.of(CifarFormat.TEST_FILE) : CifarFormat.TRAIN_FILES)));
                splits = filled;
            }
        }
    }

    /**
     * Record counts and files of one split.
     *
     * @param records total records
     * @param perClass records per label, index = label
     * @param files the split's record files, in the order their records are used
     */
    public record SplitCounts(long records, List<Long> perClass, List<String> files) {
    }

    /**
     * One stored file.
     *
     * @param name file name, also the last part of its object key
     * @param sizeBytes size in bytes
     * @param sha256 lower-case hex SHA-256 of the content
     * @param records number of image records, 0 for a file without records
     */
    public record FileEntry(String name, long sizeBytes, String sha256, long records) {
    }

    /**
     * Looks a split up by name.
     *
     * @param name {@link #TRAIN} or {@link #TEST}
     * @return the split
     * @throws IllegalArgumentException when the manifest has no such split
     */
    public SplitCounts split(String name) {
        SplitCounts split = splits.get(name);
        if (split == null || split.files() == null) {
            throw new IllegalArgumentException("The manifest of dataset " + datasetId + " lists no " + name
                    + " split with its record files; ingest the dataset again.");
        }
        return split;
    }

    /** @return the number of classes, from the class names */
    public int classCount() {
        return classNames.size();
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
