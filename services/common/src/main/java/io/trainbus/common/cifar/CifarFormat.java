package io.trainbus.common.cifar;

import java.util.List;
import java.util.stream.Stream;

import io.trainbus.common.dataset.ImageShape;

/**
 * Layout of the CIFAR-10 binary version: each record is one label byte followed by the 1,024 red, 1,024 green and
 * 1,024 blue bytes of a 32x32 image, each plane in row-major order. The training split is five files of 10,000
 * records, the test split one file of 10,000 records, and {@code batches.meta.txt} lists the ten class names in
 * label order.
 */
public final class CifarFormat {

    /** Catalog name of the dataset. */
    public static final String DATASET = "cifar-10";
    /** 32x32 pixels, three colour planes. */
    public static final ImageShape SHAPE = new ImageShape(32, 32, 3);
    /** Number of classes. Every label byte is below this. */
    public static final int CLASS_COUNT = 10;
    /** Bytes of one colour plane, 32 x 32. */
    public static final int PLANE_BYTES = SHAPE.planeSize();
    /** Pixel bytes of one record, three planes. */
    public static final int PIXEL_BYTES = SHAPE.pixelsPerImage();
    /** Bytes of one record: the label byte and the pixels. */
    public static final int RECORD_BYTES = 1 + PIXEL_BYTES;
    /** Records in each file of the official release. */
    public static final int RECORDS_PER_FILE = 10_000;
    /** Size in bytes of each .bin file of the official release. */
    public static final long FILE_BYTES = (long) RECORDS_PER_FILE * RECORD_BYTES;

    /** Training files in the order their records are used. */
    public static final List<String> TRAIN_FILES = List.of(
            "data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin");
    public static final String TEST_FILE = "test_batch.bin";
    /** Class names, one a line, in label order. */
    public static final String CLASS_NAMES_FILE = "batches.meta.txt";
    /** Folder the official archive unpacks to. */
    public static final String ARCHIVE_FOLDER = "cifar-10-batches-bin";

    /** The six record files: training files in order, then the test file. */
    public static final List<String> RECORD_FILES = Stream.concat(TRAIN_FILES.stream(), Stream.of(TEST_FILE)).toList();
    /** Every file of a dataset: the record files and the class names. */
    public static final List<String> ALL_FILES = Stream.concat(RECORD_FILES.stream(), Stream.of(CLASS_NAMES_FILE))
            .toList();

    private CifarFormat() {
    }
}
