package io.trainbus.preprocessing.prepare;

import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.dataset.RawManifest;
import io.trainbus.proto.v1.DatasetSpec;

/**
 * Record counts of the three splits. Training records are read in the order of the raw manifest's training files
 * (data_batch_1 to data_batch_5 for CIFAR-10). The first {@code validation} of them form the validation split, and
 * the next {@code train} form the training split. The test split is the first {@code test} records of the manifest's
 * test files.
 *
 * @param validation records in the validation split
 * @param train records in the training split
 * @param test records in the test split
 */
public record SplitPlan(int validation, int train, int test) {

    /**
     * Plans the splits of a request against the stored dataset.
     *
     * @param spec the dataset part of a request with defaults applied
     * @param manifest the raw dataset's manifest
     * @return the plan
     * @throws IllegalArgumentException when a limit exceeds the stored records or no training records remain
     */
    public static SplitPlan of(DatasetSpec spec, RawManifest manifest) {
        long storedTrain = manifest.split(RawManifest.TRAIN).records();
        long storedTest = manifest.split(RawManifest.TEST).records();
        int trainLimit = spec.getTrainLimit();
        int testLimit = spec.getTestLimit();
        if (trainLimit < 0 || trainLimit > storedTrain) {
            throw new IllegalArgumentException("Invalid dataset.train_limit " + trainLimit + ": the stored dataset "
                    + manifest.datasetId() + " has " + storedTrain + " training records. Use 0 (all) to "
                    + storedTrain + ".");
        }
        if (testLimit < 0 || testLimit > storedTest) {
            throw new IllegalArgumentException("Invalid dataset.test_limit " + testLimit + ": the stored dataset "
                    + manifest.datasetId() + " has " + storedTest + " test records. Use 0 (all) to " + storedTest
                    + ".");
        }
        long available = trainLimit > 0 ? trainLimit : storedTrain;
        int validation = spec.getValidationSize();
        if (validation < 1 || validation >= available) {
            throw new IllegalArgumentException("Invalid dataset.validation_size " + validation + ": it must be "
                    + "from 1 to " + (available - 1) + " so that training records remain (" + available
                    + " records available).");
        }
        int test = (int) (testLimit > 0 ? testLimit : storedTest);
        return new SplitPlan(validation, (int) (available - validation), test);
    }

    /** @return validation plus training records, all read from the training files */
    public int trainingFileRecords() {
        return validation + train;
    }

    /**
     * Lists the training files the plan reads, in order, using the record counts of the manifest.
     *
     * @param manifest the raw dataset's manifest
     * @return the leading training files that cover {@link #trainingFileRecords()}
     * @throws IllegalArgumentException when the manifest lists no training split or misses one of its files
     */
    public List<String> trainFiles(RawManifest manifest) {
        return leadingFiles(manifest, RawManifest.TRAIN, trainingFileRecords());
    }

    /**
     * Lists the test files the plan reads, in order, using the record counts of the manifest.
     *
     * @param manifest the raw dataset's manifest
     * @return the leading test files that cover {@link #test()}
     * @throws IllegalArgumentException when the manifest lists no test split or misses one of its files
     */
    public List<String> testFiles(RawManifest manifest) {
        return leadingFiles(manifest, RawManifest.TEST, test);
    }

    private static List<String> leadingFiles(RawManifest manifest, String split, long records) {
        List<String> files = new ArrayList<>();
        long covered = 0;
        for (String name : manifest.split(split).files()) {
            if (covered >= records) {
                break;
            }
            files.add(name);
            covered += manifest.file(name).records();
        }
        return files;
    }
}
