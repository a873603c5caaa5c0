package io.trainbus.common.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import io.trainbus.common.cifar.CifarFormat;
import org.junit.jupiter.api.Test;

class RecordReaderTest {

    private static final ImageShape GRAY = new ImageShape(2, 3, 1);

    /** Builds a CIFAR-10 record whose red, green and blue planes hold distinct constant values. */
    private static byte[] cifarRecord(int label, int red, int green, int blue) {
        byte[] bytes = new byte[CifarFormat.RECORD_BYTES];
        bytes[0] = (byte) label;
        for (int i = 0; i < CifarFormat.PLANE_BYTES; i++) {
            bytes[1 + i] = (byte) red;
            bytes[1 + CifarFormat.PLANE_BYTES + i] = (byte) green;
            bytes[1 + 2 * CifarFormat.PLANE_BYTES + i] = (byte) blue;
        }
        return bytes;
    }

    @Test
    void readsCifarLabelsAndPlanesInOrder() throws IOException {
        byte[] two = new byte[2 * CifarFormat.RECORD_BYTES];
        byte[] first = cifarRecord(7, 10, 200, 255);
        first[1 + 33] = 99;
        System.arraycopy(first, 0, two, 0, CifarFormat.RECORD_BYTES);
        System.arraycopy(cifarRecord(9, 4, 5, 6), 0, two, CifarFormat.RECORD_BYTES, CifarFormat.RECORD_BYTES);

        try (RecordReader reader = reader(two, CifarFormat.SHAPE)) {
            ImageRecord record = reader.next();
            assertThat(record.label()).isEqualTo(7);
            assertThat(record.pixels()).hasSize(CifarFormat.PIXEL_BYTES);
            assertThat(record.pixel(CifarFormat.SHAPE, 0, 1, 1)).isEqualTo(99);
            assertThat(record.pixel(CifarFormat.SHAPE, 0, 0, 0)).isEqualTo(10);
            assertThat(record.pixel(CifarFormat.SHAPE, 1, 5, 5)).isEqualTo(200);
            assertThat(record.pixel(CifarFormat.SHAPE, 2, 31, 31)).isEqualTo(255);
            assertThat(reader.next().pixel(CifarFormat.SHAPE, 1, 0, 0)).isEqualTo(5);
            assertThat(reader.recordsRead()).isEqualTo(2);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void recordSizeFollowsTheShape() throws IOException {
        byte[] bytes = {3, 1, 2, 3, 4, 5, 6, 0, 9, 9, 9, 9, 9, 9};
        try (RecordReader reader = reader(bytes, GRAY)) {
            ImageRecord record = reader.next();
            assertThat(record.label()).isEqualTo(3);
            assertThat(record.pixel(GRAY, 0, 1, 2)).isEqualTo(6);
            assertThat(reader.next().pixels()).containsOnly((byte) 9);
        }
        assertThat(RecordReader.recordBytes(GRAY)).isEqualTo(7);
    }

    @Test
    void rejectsTruncationWithRecordAndOffset() throws IOException {
        byte[] bytes = {3, 1, 2, 3, 4, 5, 6, 1, 2};
        try (RecordReader reader = reader(bytes, GRAY)) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("d.bin ends inside record 1 (byte offset 7)")
                    .hasMessageContaining("only 2 of 7 bytes");
        }
    }

    @Test
    void rejectsALabelOutsideTheClasses() throws IOException {
        byte[] bytes = {1, 0, 0, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0, 0};
        try (RecordReader reader = reader(bytes, GRAY)) {
            reader.next();
            assertThatThrownBy(reader::next).isInstanceOf(DatasetFormatException.class)
                    .hasMessageContaining("d.bin: record 1 (byte offset 7) has label 10")
                    .hasMessageContaining("0 to 9");
        }
    }

    @Test
    void shapeRejectsZeroSides() {
        assertThatThrownBy(() -> new ImageShape(28, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("28x0x1");
    }

    private static RecordReader reader(byte[] bytes, ImageShape shape) {
        return new RecordReader(new ByteArrayInputStream(bytes), "d.bin", shape, 10);
    }
}
