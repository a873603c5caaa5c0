package io.trainbus.preprocessing.prepare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import io.trainbus.common.dataset.DatasetFormatException;

/**
 * Writes the six .npy files of a plan from local raw record files, streaming record by record so that memory use
 * does not grow with the split sizes. Images of any {@link io.trainbus.common.dataset.ImageShape} become rows of
 * {@code height x width x channels} values in the files' channel-planar order.
 */
public final class TensorPreparer {

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    private TensorPreparer() {
    }

    /**
     * Prepares the splits of a plan.
     *
     * @param raw the downloaded training and test files with their image shape and class count
     * @param plan split sizes
     * @param outFolder existing folder that receives {@code {split}_x.npy} and {@code {split}_y.npy}
     * @param normalization how pixels become inputs, the same for every split
     * @return the splits in the order train, validation, test
     * @throws DatasetFormatException when the files contain fewer records than the plan needs or a record is invalid
     * @throws IOException when reading or writing fails
     */
    public static List<SplitTensors> prepare(RawFiles raw, SplitPlan plan, Path outFolder,
            Normalization normalization) throws IOException {
        SplitTensors validation;
        SplitTensors train;
        try (SplitWriter validationWriter = new SplitWriter(outFolder, VALIDATION, plan.validation(), raw,
                normalization);
                SplitWriter trainWriter = new SplitWriter(outFolder, TRAIN, plan.train(), raw, normalization)) {
            raw.read(raw.trainFiles(), plan.trainingFileRecords(), (index, record) ->
                    (index < plan.validation() ? validationWriter : trainWriter).write(record));
            validation = validationWriter.finish();
            train = trainWriter.finish();
        }

        SplitTensors test;
        try (SplitWriter testWriter = new SplitWriter(outFolder, TEST, plan.test(), raw, normalization)) {
            raw.read(raw.testFiles(), plan.test(), (index, record) -> testWriter.write(record));
            test = testWriter.finish();
        }
        return List.of(train, validation, test);
    }

    /**
     * Counts the pixels of the training split, skipping the validation records that come first.
     *
     * @param raw the downloaded training files with their image shape and class count
     * @param plan split sizes
     * @return the statistics of every pixel of the training split
     * @throws IOException when a file cannot be read or contains fewer records than the plan needs
     */
    public static PixelStatistics trainingStatistics(RawFiles raw, SplitPlan plan) throws IOException {
        PixelStatistics statistics = new PixelStatistics();
        raw.read(raw.trainFiles(), plan.trainingFileRecords(), (index, record) -> {
            if (index >= plan.validation()) {
                statistics.add(record.pixels());
            }
        });
        return statistics;
    }
}
