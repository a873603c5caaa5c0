package io.trainbus.common.cifar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

class CifarDecoderTest {

    private static final List<String> NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    /** Builds a record whose red, green and blue planes are filled with distinct constant values. */
    private static byte[] record(int label, int red, int green, int blue) {
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
    void decoderReadsLabelAndPlanes() throws Exception {
        byte[] bytes = record(7, 10, 200, 255);
        bytes[1 + 33] = 99;

        CifarRecord record = CifarDecoder.decode(bytes, "data_batch_1.bin", 0);

        assertThat(record.label()).isEqualTo(7);
        assertThat(record.pixels()).hasSize(CifarFormat.PIXEL_BYTES);
        assertThat(record.plane(CifarRecord.RED)).hasSize(1024).contains((byte) 10);
        assertThat(record.plane(CifarRecord.GREEN)).containsOnly((byte) 200);
        assertThat(record.plane(CifarRecord.BLUE)).containsOnly((byte) 255);
        assertThat(record.pixel(CifarRecord.RED, 1, 1)).isEqualTo(99);
        assertThat(record.pixel(CifarRecord.RED, 0, 0)).isEqualTo(10);
        assertThat(record.pixel(CifarRecord.BLUE, 31, 31)).isEqualTo(255);
    }

    @Test
    void recordCountFollowsFileSize() throws Exception {
        assertThat(CifarDecoder.recordCount("data_batch_1.bin", CifarFormat.FILE_BYTES)).isEqualTo(10_000);
        assertThat(CifarDecoder.recordCount("x.bin", 3 * CifarFormat.RECORD_BYTES)).isEqualTo(3);
        assertThat(CifarDecoder.recordCount("x.bin", 0)).isZero();
    }

    @Test
    void decoderRejectsSizeNotMultipleOfRecord() {
        assertThatThrownBy(() -> CifarDecoder.recordCount("data_batch_2.bin", CifarFormat.FILE_BYTES - 1))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("data_batch_2.bin")
                .hasMessageContaining("30729999")
                .hasMessageContaining("3073");
    }

    @Test
    void decoderRejectsLabelTen() {
        assertThatThrownBy(() -> CifarDecoder.decode(record(10, 0, 0, 0), "test_batch.bin", 5))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("test_batch.bin")
                .hasMessageContaining("record 5")
                .hasMessageContaining("offset 15365")
                .hasMessageContaining("label 10");
    }

    @Test
    void readerReturnsRecordsInOrderAndRejectsTruncation() throws IOException {
        byte[] two = new byte[2 * CifarFormat.RECORD_BYTES + 5];
        System.arraycopy(record(3, 1, 2, 3), 0, two, 0, CifarFormat.RECORD_BYTES);
        System.arraycopy(record(9, 4, 5, 6), 0, two, CifarFormat.RECORD_BYTES, CifarFormat.RECORD_BYTES);

        try (CifarRecordReader reader = new CifarRecordReader(new ByteArrayInputStream(two), "d.bin")) {
            assertThat(reader.next().label()).isEqualTo(3);
            assertThat(reader.next().pixel(CifarRecord.GREEN, 0, 0)).isEqualTo(5);
            assertThat(reader.recordsRead()).isEqualTo(2);
            assertThatThrownBy(reader::next).isInstanceOf(CifarFormatException.class)
                    .hasMessageContaining("d.bin ends inside record 2");
        }
        try (CifarRecordReader reader = new CifarRecordReader(new ByteArrayInputStream(new byte[0]), "e.bin")) {
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void classNamesTolerateTrailingBlankLineAndCrlf() throws Exception {
        assertThat(CifarDecoder.classNames(String.join("\n", NAMES) + "\n\n", "m.txt")).isEqualTo(NAMES);
        assertThat(CifarDecoder.classNames(String.join("\r\n", NAMES) + "\r\n", "m.txt")).isEqualTo(NAMES);
        assertThat(CifarDecoder.classNames(String.join("\n", NAMES), "m.txt")).isEqualTo(NAMES);
    }

    @Test
    void classNamesRejectWrongCount() {
        assertThatThrownBy(() -> CifarDecoder.classNames(String.join("\n", NAMES.subList(0, 9)), "batches.meta.txt"))
                .isInstanceOf(CifarFormatException.class)
                .hasMessageContaining("batches.meta.txt")
                .hasMessageContaining("9 lines");
        assertThatThrownBy(() -> CifarDecoder.classNames("a\n\nb\nc\nd\ne\nf\ng\nh\ni\n", "batches.meta.txt"))
                .isInstanceOf(CifarFormatException.class);
    }
}
