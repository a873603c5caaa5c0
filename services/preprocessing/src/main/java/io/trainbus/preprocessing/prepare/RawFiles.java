package io.trainbus.preprocessing.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.dataset.RecordReader;

/**
 * The downloaded raw record files of one preparation and what is needed to read them.
 *
 * @param folder local folder that contains every file of {@code trainFiles} and {@code testFiles}
 * @param shape the size of every image, which fixes the record size
 * @param classCount every label is below this
 * @param trainFiles the training files the plan reads, in the order their records are used
 * @param testFiles the test files the plan reads, in the order their records are used
 */
public record RawFiles(Path folder, ImageShape shape, int classCount, List<String> trainFiles,
        List<String> testFiles) {

    /** Receives the records of a split one at a time. */
    @FunctionalInterface
    interface RecordSink {

        /**
         * Takes one record.
         *
         * @param index the record's position in the split's files, from 0
         * @param record the record
         */
        void accept(long index, ImageRecord record) throws IOException;
    }

    /**
     * Returns the files that a plan needs from a stored dataset.
     *
     * @param folder local folder the files are (or will be) downloaded to
     * @param manifest the raw dataset's manifest
     * @param plan split sizes
     * @return the files with the manifest's image shape and class count
     * @throws IllegalArgumentException when the manifest records no image shape
     */
    public static RawFiles of(Path folder, RawManifest manifest, SplitPlan plan) {
        if (manifest.shape() == null) {
            throw new IllegalArgumentException("The manifest of dataset " + manifest.datasetId() + " ("
                    + manifest.dataset() + ") records no image shape; ingest the dataset again.");
        }
        return new RawFiles(folder, manifest.shape(), manifest.classCount(), plan.trainFiles(manifest),
                plan.testFiles(manifest));
    }

    /** @return every file to download: the training files, then the test files */
    public List<String> allFiles() {
        return Stream.concat(trainFiles.stream(), testFiles.stream()).distinct().toList();
    }

    /**
     * Reads the first {@code needed} records of {@code files} in order.
     *
     * @param files the split's files
     * @param needed number of records to read
     * @param sink receives each record
     * @throws DatasetFormatException when the files contain fewer records or a record is invalid
     * @throws IOException when a file cannot be read
     */
    void read(List<String> files, long needed, RecordSink sink) throws IOException {
        long recordsRead = 0;
        for (String name : files) {
            if (recordsRead >= needed) {
                break;
            }
            try (RecordReader reader = new RecordReader(Files.newInputStream(folder.resolve(name)), name, shape,
                    classCount)) {
                for (ImageRecord record = reader.next(); record != null && recordsRead < needed;
                        record = reader.next()) {
                    sink.accept(recordsRead, record);
                    recordsRead++;
                }
            }
        }
        if (recordsRead < needed) {
            throw new DatasetFormatException(files + " contain only " + recordsRead + " records, but the request "
                    + "needs " + needed + ". Lower the request's limits or ingest the complete dataset again.");
        }
    }
}
