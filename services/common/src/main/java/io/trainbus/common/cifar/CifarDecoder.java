package io.trainbus.common.cifar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.trainbus.common.dataset.DatasetFormatException;

/**
 * Checks the size of CIFAR-10 binary files and parses the class-names file. {@link io.trainbus.common.dataset.RecordReader}
 * reads the records.
 */
public final class CifarDecoder {

    private CifarDecoder() {
    }

    /**
     * Derives the number of records of a file from its size.
     *
     * @param fileName file name for the error message
     * @param sizeBytes the file's size
     * @return the number of records
     * @throws DatasetFormatException when the size is not a whole number of records
     */
    public static long recordCount(String fileName, long sizeBytes) throws DatasetFormatException {
        if (sizeBytes % CifarFormat.RECORD_BYTES != 0) {
            throw new DatasetFormatException(fileName + " is " + sizeBytes + " bytes, not a multiple of the "
                    + CifarFormat.RECORD_BYTES + "-byte record size: the file is truncated or not a CIFAR-10 "
                    + "binary file. Download the dataset again.");
        }
        return sizeBytes / CifarFormat.RECORD_BYTES;
    }

    /**
     * Parses the class-names file: one name a line, LF or CRLF line ends, blank lines at the end ignored.
     *
     * @param text the file's content
     * @param fileName file name for the error message
     * @return exactly ten names in label order
     * @throws DatasetFormatException when a name is blank or the count is not ten
     */
    public static List<String> classNames(String text, String fileName) throws DatasetFormatException {
        List<String> names = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        while (!names.isEmpty() && names.get(names.size() - 1).isBlank()) {
            names.remove(names.size() - 1);
        }
        List<String> trimmed = names.stream().map(String::strip).toList();
        if (trimmed.size() != CifarFormat.CLASS_COUNT || trimmed.stream().anyMatch(String::isEmpty)) {
            throw new DatasetFormatException(fileName + " lists " + trimmed.size() + " lines " + trimmed
                    + ", expected " + CifarFormat.CLASS_COUNT + " non-blank class names, one a line. Use the "
                    + CifarFormat.CLASS_NAMES_FILE + " of the CIFAR-10 binary version.");
        }
        return trimmed;
    }
}
