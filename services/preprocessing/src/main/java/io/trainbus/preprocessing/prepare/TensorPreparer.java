package io.trainbus.preprocessing.prepare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.cifar.CifarFormatException;
import io.trainbus.common.cifar.CifarRecord;
import io.trainbus.common.cifar.CifarRecordReader;

/**
 * Writes the six .npy files of a plan from local CIFAR-10 .bin files, streaming record by record so that memory
 * use does not grow with the split sizes.
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
     * @param rawFolder folder with the training files of {@code trainFiles} and test_batch.bin
     * @param plan split sizes
     * @param trainFiles training files in the order their records are used
     * @param outFolder existing folder that receives {@code {split}_x.npy} and {@code {split}_y.npy}
     * @param normalization how pixels become inputs, the same for every split
     * @return the splits in the order train, validation, test
     * @throws CifarFormatException when the files hold fewer records than the plan needs or a record is invalid
     * @throws IOException when reading or writing fails
     */
    public static List<SplitTensors> prepare(Path rawFolder, SplitPlan plan, List<String> trainFiles,
            Path outFolder, Normalization normalization) throws IOException {
        SplitTensors validation;
        SplitTensors train;
        try (SplitWriter validationWriter = new SplitWriter(outFolder, VALIDATION, plan.validation(),
                normalization);
                SplitWriter trainWriter = new SplitWriter(outFolder, TRAIN, plan.train(), normalization)) {
            long taken = 0;
            for (String name : trainFiles) {
                try (CifarRecordReader reader = open(rawFolder, name)) {
                    for (CifarRecord record = reader.next(); record != null && taken < plan.trainingFileRecords();
                            record = reader.next()) {
                        (taken < plan.validation() ? validationWriter : trainWriter).write(record);
                        taken++;
                    }
                }
            }
            requireRecords(taken, plan.trainingFileRecords(), trainFiles.toString());
            validation = validationWriter.finish();
            train = trainWriter.finish();
        }

        SplitTensors test;
        try (SplitWriter testWriter = new SplitWriter(outFolder, TEST, plan.test(), normalization);
                CifarRecordReader reader = open(rawFolder, CifarFormat.TEST_FILE)) {
            long taken = 0;
            for (CifarRecord record = reader.next(); record != null && taken < plan.test(); record = reader.next()) {
                testWriter.write(record);
                taken++;
            }
            requireRecords(taken, plan.test(), CifarFormat.TEST_FILE);
            test = testWriter.finish();
        }
        return List.of(train, validation, test);
    }

    /**
     * Counts the pixels of the training split, skipping the validation records that come first.
     *
     * @param rawFolder folder with the training files of {@code trainFiles}
     * @param plan split sizes
     * @param trainFiles training files in the order their records are used
     * @return the statistics of every pixel of the training split
     * @throws IOException when a file cannot be read or contains fewer records than the plan needs
     */
    public static PixelStatistics trainingStatistics(Path rawFolder, SplitPlan plan, List<String> trainFiles)
            throws IOException {
        PixelStatistics statistics = new PixelStatistics();
        long taken = 0;
        for (String name : trainFiles) {
            try (CifarRecordReader reader = open(rawFolder, name)) {
                for (CifarRecord record = reader.next(); record != null && taken < plan.trainingFileRecords();
                        record = reader.next()) {
                    if (taken >= plan.validation()) {
                        statistics.add(record.pixels());
                    }
                    taken++;
                }
            }
        }
        requireRecords(taken, plan.trainingFileRecords(), trainFiles.toString());
        return statistics;
    }

    private static CifarRecordReader open(Path folder, String name) throws IOException {
        return new CifarRecordReader(Files.newInputStream(folder.resolve(name)), name);
    }

    private static void requireRecords(long taken, long needed, String files) throws CifarFormatException {
        if (taken < needed) {
            throw new CifarFormatException(files + " contain only " + taken + " records, but the request needs "
                    + needed + ". Lower the request's limits or ingest the complete dataset again.");
        }
    }
}
