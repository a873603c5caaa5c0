package io.trainbus.common.cifar;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Decodes CIFAR-10 binary records and the class-names file, checking every value against {@link CifarFormat}. */
public final class CifarDecoder {

    private CifarDecoder() {
    }

    /**
     * Derives the number of records of a file from its size.
     *
     * @param fileName file name for the error message
     * @param sizeBytes the file's size
     * @return the number of records
     * @throws CifarFormatException when the size is not a whole number of records
     */
    public static long recordCount(String fileName, long sizeBytes) throws CifarFormatException {
        if (sizeBytes % CifarFormat.RECORD_BYTES != 0) {
            throw new CifarFormatException(fileName + " is " + sizeBytes + " bytes, not a multiple of the "
                    + CifarFormat.RECORD_BYTES + "-byte record size: the file is truncated or not a CIFAR-10 "
                    + "binary file. Download the dataset again.");
        }
        return sizeBytes / CifarFormat.RECORD_BYTES;
    }

    /**
     * Decodes one record.
     *
     * @param record a buffer of at least {@link CifarFormat#RECORD_BYTES} bytes starting with the label byte
     * @param fileName file the record came from, for the error message
     * @param index record index within the file, for the error message
     * @return the record, with a copy of the pixels
     * @throws CifarFormatException when the label is 10 or more
     */
    public static CifarRecord decode(byte[] record, String fileName, long index) throws CifarFormatException {
        int label = checkedLabel(record[0], fileName, index);
        return new CifarRecord(label, Arrays.copyOfRange(record, 1, CifarFormat.RECORD_BYTES));
    }

    /**
     * Reads the label byte of a record and checks its range.
     *
     * @param labelByte the first byte of a record
     * @param fileName file the record came from, for the error message
     * @param index record index within the file, for the error message
     * @return the label, 0 to 9
     * @throws CifarFormatException when the label is 10 or more
     */
    public static int checkedLabel(byte labelByte, String fileName, long index) throws CifarFormatException {
        int label = labelByte & 0xff;
        if (label >= CifarFormat.CLASS_COUNT) {
            throw new CifarFormatException(fileName + ": record " + index + " (byte offset "
                    + index * CifarFormat.RECORD_BYTES + ") has label " + label + ", but CIFAR-10 labels are 0 to "
                    + (CifarFormat.CLASS_COUNT - 1) + ". The file is corrupt or from another dataset; download "
                    + "the dataset again.");
        }
        return label;
    }

    /**
     * Parses the class-names file: one name a line, LF or CRLF line ends, blank lines at the end ignored.
     *
     * @param text the file's content
     * @param fileName file name for the error message
     * @return exactly ten names in label order
     * @throws CifarFormatException when a name is blank or the count is not ten
     */
    public static List<String> classNames(String text, String fileName) throws CifarFormatException {
        List<String> names = new ArrayList<>(Arrays.asList(text.split("\r?\n", -1)));
        while (!names.isEmpty() && names.get(names.size() - 1).isBlank()) {
            names.remove(names.size() - 1);
        }
        List<String> trimmed = names.stream().map(String::strip).toList();
        if (trimmed.size() != CifarFormat.CLASS_COUNT || trimmed.stream().anyMatch(String::isEmpty)) {
            throw new CifarFormatException(fileName + " lists " + trimmed.size() + " lines " + trimmed
                    + ", expected " + CifarFormat.CLASS_COUNT + " non-blank class names, one a line. Use the "
                    + CifarFormat.CLASS_NAMES_FILE + " of the CIFAR-10 binary version.");
        }
        return trimmed;
    }
}
