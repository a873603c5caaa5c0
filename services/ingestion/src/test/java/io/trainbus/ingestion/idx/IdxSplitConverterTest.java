package io.trainbus.ingestion.idx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.storage.Digests;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSplitConverterTest {

    private static final ImageShape SHAPE = new ImageShape(28, 28, 1);
    private static final int PIXELS = SHAPE.pixelsPerImage();

    @TempDir
    Path temp;

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(temp.resolve(name), content);
    }

    private IdxSplitConverter.ConvertedSplit convert(Path images, Path labels) throws IOException {
        return IdxSplitConverter.convert(images, labels, SHAPE, 10, temp.resolve("out.bin"), 1_000_000);
    }

    /**
     * Writes the images file, converts it with three valid labels and returns an assertion on the
     * {@link DatasetFormatException}, which must name the images file.
     */
    private AbstractThrowableAssert<?, ? extends Throwable> imagesFail(String name, byte[] images) throws IOException {
        Path imageFile = write(name, images);
        Path labelFile = write("labels-idx1-ubyte", IdxFiles.labels(1, 2, 3));
        return assertThatThrownBy(() -> convert(imageFile, labelFile))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(imageFile.toString());
    }

    @Test
    void conversionWritesLabelThenPixelsPerRecord() throws Exception {
        Path images = write("images-idx3-ubyte", IdxFiles.images(3, 28, 28));
        Path labels = write("labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(9, 0, 9)));

        IdxSplitConverter.ConvertedSplit converted = convert(images, labels);

        Path out = temp.resolve("out.bin");
        assertThat(Files.size(out)).isEqualTo(3L * (1 + PIXELS));
        assertThat(converted.file().name()).isEqualTo("out.bin");
        assertThat(converted.file().records()).isEqualTo(3);
        assertThat(converted.file().sizeBytes()).isEqualTo(Files.size(out));
        assertThat(converted.file().sha256()).isEqualTo(Digests.sha256Hex(out));
        assertThat(converted.perClass()).containsExactly(1, 0, 0, 0, 0, 0, 0, 0, 0, 2);
        try (RecordReader reader = new RecordReader(Files.newInputStream(out), "out.bin", SHAPE, 10)) {
            ImageRecord first = reader.next();
            ImageRecord second = reader.next();
            ImageRecord third = reader.next();
            assertThat(first.label()).isEqualTo(9);
            assertThat(second.label()).isZero();
            assertThat(third.label()).isEqualTo(9);
            assertThat(first.pixel(SHAPE, 0, 0, 5)).isEqualTo(5);
            assertThat(second.pixel(SHAPE, 0, 1, 0)).as("image 1, row 1, column 0").isEqualTo((7 + 28) % 256);
            assertThat(third.pixel(SHAPE, 0, 27, 27)).isEqualTo((14 + PIXELS - 1) % 256);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void littleEndianHeaderIsRejected() throws Exception {
        imagesFail("images-idx3-ubyte", IdxFiles.littleEndianHeader(IdxFiles.images(3, 28, 28), 4))
                .hasMessageContaining("wrong byte order")
                .hasMessageContaining("magic number 0x03080000 at byte offset 0")
                .hasMessageContaining("big-endian");
    }

    @Test
    void gzipContentUnderRawNameIsRejected() throws Exception {
        imagesFail("images-idx3-ubyte", IdxFiles.gzip(IdxFiles.images(3, 28, 28)))
                .hasMessageContaining("is gzip-compressed (magic bytes 1f 8b at byte offset 0)")
                .hasMessageContaining("Name it images-idx3-ubyte.gz or gunzip it");
    }

    @Test
    void rawContentUnderGzipNameIsRejected() throws Exception {
        imagesFail("images-idx3-ubyte.gz", IdxFiles.images(3, 28, 28))
                .hasMessageContaining("is not gzip-compressed")
                .hasMessageContaining("byte offset 0")
                .hasMessageContaining("Remove the .gz suffix");
    }

    @Test
    void labelsFileGivenAsImagesIsRejected() throws Exception {
        imagesFail("images-idx3-ubyte", IdxFiles.labels(1, 2, 3))
                .hasMessageContaining("is an IDX labels file (magic number 0x00000801 at byte offset 0)")
                .hasMessageContaining("0x00000803")
                .hasMessageContaining("swapped");
    }

    @Test
    void unknownMagicNumberIsRejected() throws Exception {
        byte[] floats = IdxFiles.images(3, 28, 28);
        floats[2] = 0x0d;

        imagesFail("images-idx3-ubyte", floats)
                .hasMessageContaining("is not an IDX file of unsigned bytes")
                .hasMessageContaining("magic number 0x00000d03 at byte offset 0");
    }

    @Test
    void wrongImageSizeIsRejected() throws Exception {
        imagesFail("images-idx3-ubyte", IdxFiles.images(3, 32, 32))
                .hasMessageContaining("images of 32x32 pixels")
                .hasMessageContaining("byte offsets 8 and 12")
                .hasMessageContaining("28x28");
    }

    @Test
    void nonPositiveCountIsRejected() throws Exception {
        byte[] empty = IdxFiles.images(0, 28, 28);

        imagesFail("images-idx3-ubyte", empty)
                .hasMessageContaining("declares 0 images at byte offset 4");
    }

    @Test
    void truncatedFileNamesOffsetAndExpectedSize() throws Exception {
        byte[] images = IdxFiles.images(3, 28, 28);
        long expected = images.length;
        byte[] truncated = Arrays.copyOf(images, images.length - 100);

        imagesFail("images-idx3-ubyte", truncated)
                .hasMessageContaining("is truncated at byte offset " + truncated.length + ", inside item 2")
                .hasMessageContaining("declares 3 images of 784 bytes")
                .hasMessageContaining("should be " + expected + " bytes");
    }

    @Test
    void truncatedGzipContentCountsDecompressedOffset() throws Exception {
        byte[] truncated = Arrays.copyOf(IdxFiles.images(3, 28, 28), 16 + 784 + 10);

        imagesFail("images-idx3-ubyte.gz", IdxFiles.gzip(truncated))
                .hasMessageContaining("is truncated at byte offset " + truncated.length
                        + " of the decompressed content, inside item 1");
    }

    @Test
    void damagedGzipStreamIsRejected() throws Exception {
        byte[] compressed = IdxFiles.gzip(IdxFiles.images(3, 28, 28));

        imagesFail("images-idx3-ubyte.gz", Arrays.copyOf(compressed, compressed.length / 2))
                .hasMessageContaining("could not be decompressed after byte offset")
                .hasMessageContaining("The gzip file is damaged");
    }

    @Test
    void trailingBytesAreRejected() throws Exception {
        byte[] images = IdxFiles.images(3, 28, 28);

        imagesFail("images-idx3-ubyte", Arrays.copyOf(images, images.length + 5))
                .hasMessageContaining("has trailing bytes from byte offset " + images.length)
                .hasMessageContaining("declares 3 images");
    }

    @Test
    void labelOutOfRangeNamesRecordAndOffset() throws Exception {
        Path images = write("images-idx3-ubyte", IdxFiles.images(3, 28, 28));
        Path labels = write("labels-idx1-ubyte", IdxFiles.labels(4, 10, 2));

        assertThatThrownBy(() -> convert(images, labels))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(labels + ": label 10 of record 1 at byte offset 9 is out of range")
                .hasMessageContaining("0 to 9");
    }

    @Test
    void labelsEndingBetweenItemsNameMissingItem() throws Exception {
        Path images = write("images-idx3-ubyte", IdxFiles.images(3, 28, 28));
        byte[] labels = IdxFiles.labels(4, 5, 6);
        Path truncated = write("labels-idx1-ubyte", Arrays.copyOf(labels, labels.length - 1));

        assertThatThrownBy(() -> convert(images, truncated))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("is truncated at byte offset 10, where item 2 should start")
                .hasMessageContaining("declares 3 labels of 1 byte, so the file should be 11 bytes");
    }

    @Test
    void differentCountsNameBothFiles() throws Exception {
        Path images = write("images-idx3-ubyte", IdxFiles.images(3, 28, 28));
        Path labels = write("labels-idx1-ubyte.gz", IdxFiles.gzip(IdxFiles.labels(1, 2)));

        assertThatThrownBy(() -> convert(images, labels))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(images + " declares 3 images, but " + labels + " declares 2 labels")
                .hasMessageContaining("same split");
    }

    @Test
    void recordFileOverLimitIsRejected() throws Exception {
        Path images = write("images-idx3-ubyte", IdxFiles.images(3, 28, 28));
        Path labels = write("labels-idx1-ubyte", IdxFiles.labels(1, 2, 3));

        assertThatThrownBy(() -> IdxSplitConverter.convert(images, labels, SHAPE, 10, temp.resolve("out.bin"), 2000))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining(images + " declares 3 images, which convert to 2355 bytes")
                .hasMessageContaining("limit of 2000 bytes (trainbus.ingestion.max-unpacked-bytes)");
    }
}
