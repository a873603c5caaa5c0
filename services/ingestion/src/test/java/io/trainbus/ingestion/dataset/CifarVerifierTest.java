package io.trainbus.ingestion.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.storage.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CifarVerifierTest {

    @TempDir
    Path folder;

    private void writeFullSizeFile(String name, long badLabelRecord) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(folder.resolve(name).toFile(), "rw")) {
            file.setLength(CifarFormat.FILE_BYTES);
            if (badLabelRecord >= 0) {
                file.seek(badLabelRecord * CifarFormat.RECORD_BYTES);
                file.write(10);
            }
        }
    }

    @Test
    void verifierRejectsWrongFileSize() throws Exception {
        Files.write(folder.resolve("data_batch_1.bin"), new byte[3 * CifarFormat.RECORD_BYTES]);

        assertThatThrownBy(() -> CifarVerifier.verify(folder))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("data_batch_1.bin is 9219 bytes (3 records)")
                .hasMessageContaining("expected 30730000 bytes")
                .hasMessageContaining("Download the dataset again");
    }

    @Test
    void verifierRejectsMissingFile() {
        assertThatThrownBy(() -> CifarVerifier.verify(folder))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("data_batch_1.bin not found");
    }

    @Test
    void verifierRejectsLabelTenWithOffset() throws Exception {
        writeFullSizeFile("data_batch_1.bin", 9_999);

        assertThatThrownBy(() -> CifarVerifier.verify(folder))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("data_batch_1.bin")
                .hasMessageContaining("record 9999 (byte offset 30726927)")
                .hasMessageContaining("label 10");
    }

    @Test
    void datasetIdDependsOnDigestsNotOrder() {
        RawManifest.FileEntry a = new RawManifest.FileEntry("a.bin", 1, "aa", 0);
        RawManifest.FileEntry b = new RawManifest.FileEntry("b.bin", 1, "bb", 0);
        RawManifest.FileEntry changed = new RawManifest.FileEntry("b.bin", 1, "bc", 0);

        assertThat(DatasetIds.of(List.of(a, b))).isEqualTo(DatasetIds.of(List.of(b, a)));
        assertThat(DatasetIds.of(List.of(b, a)))
                .isEqualTo(Digests.sha256Hex("a.bin:aa\nb.bin:bb\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(DatasetIds.of(List.of(a, changed))).isNotEqualTo(DatasetIds.of(List.of(a, b)));
    }
}
