package io.trainbus.ingestion.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.common.cifar.CifarDecoder;
import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.storage.Digests;

/**
 * Checks a CIFAR-10 folder before anything is stored: each .bin file has exactly the official size, every label is
 * below 10, and the class-names file lists ten names. Digests and per-class counts come from the same pass.
 * The archive's own checksum is not checked, because a rebuilt archive is not byte-identical to the official one.
 */
public final class CifarVerifier {

    private static final String FIX = "Download the dataset again or point " + CifarLayout.SOURCE_SETTING + " at an "
            + "intact copy.";

    private CifarVerifier() {
    }

    /**
     * Verifies every file of a folder.
     *
     * @param folder a folder that contains {@link CifarFormat#ALL_FILES}
     * @return the verified files with their digests and counts
     * @throws DatasetFormatException when a file is missing, has the wrong size or contains an invalid value
     * @throws IOException when a file cannot be read
     */
    public static VerifiedDataset verify(Path folder) throws IOException {
        List<RawManifest.FileEntry> files = new ArrayList<>();
        long[] trainPerClass = new long[CifarFormat.CLASS_COUNT];
        long[] testPerClass = new long[CifarFormat.CLASS_COUNT];
        for (String name : CifarFormat.RECORD_FILES) {
            long[] perClass = name.equals(CifarFormat.TEST_FILE) ? testPerClass : trainPerClass;
            files.add(verifyRecordFile(folder.resolve(name), perClass));
        }

        Path namesFile = folder.resolve(CifarFormat.CLASS_NAMES_FILE);
        requireFile(namesFile);
        byte[] namesBytes = Files.readAllBytes(namesFile);
        List<String> classNames = CifarDecoder.classNames(new String(namesBytes, StandardCharsets.UTF_8),
                namesFile.toString());
        files.add(new RawManifest.FileEntry(CifarFormat.CLASS_NAMES_FILE, namesBytes.length,
                Digests.sha256Hex(namesBytes), 0));

        Map<String, RawManifest.SplitCounts> splits = new LinkedHashMap<>();
        splits.put(RawManifest.TRAIN, counts(trainPerClass, CifarFormat.TRAIN_FILES));
        splits.put(RawManifest.TEST, counts(testPerClass, List.of(CifarFormat.TEST_FILE)));
        return new VerifiedDataset(CifarFormat.DATASET, CifarFormat.SHAPE, folder, classNames, splits, files);
    }

    private static RawManifest.FileEntry verifyRecordFile(Path file, long[] perClass) throws IOException {
        requireFile(file);
        long size = Files.size(file);
        long records = CifarDecoder.recordCount(file.toString(), size);
        if (size != CifarFormat.FILE_BYTES) {
            throw new DatasetFormatException(file + " is " + size + " bytes (" + records + " records), expected "
                    + CifarFormat.FILE_BYTES + " bytes (" + CifarFormat.RECORDS_PER_FILE + " records of "
                    + CifarFormat.RECORD_BYTES + " bytes). " + FIX);
        }
        MessageDigest digest = Digests.sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest);
                RecordReader reader = new RecordReader(in, file.toString(), CifarFormat.SHAPE,
                        CifarFormat.CLASS_COUNT)) {
            for (ImageRecord record = reader.next(); record != null; record = reader.next()) {
                perClass[record.label()]++;
            }
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        return new RawManifest.FileEntry(file.getFileName().toString(), size, sha256, records);
    }

    private static void requireFile(Path file) throws DatasetFormatException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + " not found: a CIFAR-10 folder contains " + CifarFormat.ALL_FILES
                    + ". " + FIX);
        }
    }

    private static RawManifest.SplitCounts counts(long[] perClass, List<String> recordFiles) {
        return new RawManifest.SplitCounts(Arrays.stream(perClass).sum(), Arrays.stream(perClass).boxed().toList(),
                recordFiles);
    }
}
