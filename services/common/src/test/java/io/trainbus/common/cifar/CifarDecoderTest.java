package io.trainbus.common.cifar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.trainbus.common.dataset.DatasetFormatException;
import org.junit.jupiter.api.Test;

class CifarDecoderTest {

    private static final List<String> NAMES = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    @Test
    void recordCountFollowsFileSize() throws Exception {
        assertThat(CifarDecoder.recordCount("data_batch_1.bin", CifarFormat.FILE_BYTES)).isEqualTo(10_000);
        assertThat(CifarDecoder.recordCount("x.bin", 3 * CifarFormat.RECORD_BYTES)).isEqualTo(3);
        assertThat(CifarDecoder.recordCount("x.bin", 0)).isZero();
    }

    @Test
    void decoderRejectsSizeNotMultipleOfRecord() {
        assertThatThrownBy(() -> CifarDecoder.recordCount("data_batch_2.bin", CifarFormat.FILE_BYTES - 1))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("data_batch_2.bin")
                .hasMessageContaining("30729999")
                .hasMessageContaining("3073");
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
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("batches.meta.txt")
                .hasMessageContaining("9 lines");
        assertThatThrownBy(() -> CifarDecoder.classNames("a\n\nb\nc\nd\ne\nf\ng\nh\ni\n", "batches.meta.txt"))
                .isInstanceOf(DatasetFormatException.class);
    }
}
