package io.trainbus.ingestion.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.ingestion.idx.IdxFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FashionMnistLayoutTest {

    @TempDir
    Path temp;

    private Path sourceFolder(byte[] testLabels) throws Exception {
        Path folder = Files.createDirectory(temp.resolve("source"));
        Files.write(folder.resolve("train-images-idx3-ubyte.gz"), IdxFiles.gzip(IdxFiles.images(4, 28, 28)));
        Files.write(folder.resolve("train-labels-idx1-ubyte.gz"), IdxFiles.gzip(IdxFiles.labels(0, 1, 1, 9)));
        Files.write(folder.resolve("t10k-images-idx3-ubyte"), IdxFiles.images(2, 28, 28));
        Files.write(folder.resolve("t10k-labels-idx1-ubyte"), testLabels);
        return folder;
    }

    @Test
    void layoutConvertsBothSplits() throws Exception {
        Path folder = sourceFolder(IdxFiles.labels(3, 3));
        Path work = Files.createDirectory(temp.resolve("work"));

        VerifiedDataset verified = new FashionMnistLayout(1_000_000).verify(folder, work);

        assertThat(verified.dataset()).isEqualTo("fashion-mnist");
        assertThat(verified.shape()).isEqualTo(new ImageShape(28, 28, 1));
        assertThat(verified.folder()).isEqualTo(work);
        assertThat(verified.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
        assertThat(verified.files()).extracting(RawManifest.FileEntry::name).containsExactly("train.bin", "test.bin");
        assertThat(verified.files()).extracting(RawManifest.FileEntry::records).containsExactly(4L, 2L);
        RawManifest.SplitCounts train = verified.splits().get(RawManifest.TRAIN);
        RawManifest.SplitCounts test = verified.splits().get(RawManifest.TEST);
        assertThat(train.records()).isEqualTo(4);
        assertThat(train.perClass()).containsExactly(1L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L);
        assertThat(train.files()).isEqualTo(List.of("train.bin"));
        assertThat(test.records()).isEqualTo(2);
        assertThat(test.perClass().get(3)).isEqualTo(2L);
        assertThat(test.files()).isEqualTo(List.of("test.bin"));
        assertThat(Files.size(work.resolve("train.bin"))).isEqualTo(4L * 785);
        assertThat(Files.size(work.resolve("test.bin"))).isEqualTo(2L * 785);
    }

    @Test
    void layoutRejectsInvalidTestLabels() throws Exception {
        Path folder = sourceFolder(IdxFiles.labels(3));
        Path work = Files.createDirectory(temp.resolve("work"));

        assertThatThrownBy(() -> new FashionMnistLayout(1_000_000).verify(folder, work))
                .isInstanceOf(DatasetFormatException.class)
                .hasMessageContaining("t10k-images-idx3-ubyte declares 2 images")
                .hasMessageContaining("t10k-labels-idx1-ubyte declares 1 labels");
    }
}
