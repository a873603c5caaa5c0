package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class TensorsTest {

    @TempDir
    Path folder;

    @Test
    void loadsFloatMatrix() throws IOException {
        INDArray written = Nd4j.rand(DataType.FLOAT, 4, 3072);
        Path file = folder.resolve("train_x.npy");
        Nd4j.writeAsNumpy(written, file.toFile());

        INDArray loaded = Tensors.loadNpy(file);

        assertThat(loaded.shape()).containsExactly(4, 3072);
        assertThat(loaded).isEqualTo(written);
    }

    @Test
    void rejectsDoubleTensor() throws IOException {
        Path file = folder.resolve("double.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.DOUBLE, 2, 3), file.toFile());

        assertThatThrownBy(() -> Tensors.loadNpy(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected float32");
    }

    @Test
    void rejectsVector() throws IOException {
        Path file = folder.resolve("vector.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 6), file.toFile());

        assertThatThrownBy(() -> Tensors.loadNpy(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected two dimensions");
    }

    @Test
    void missingFileIsNamed() {
        Path missing = folder.resolve("absent.npy");

        assertThatThrownBy(() -> Tensors.loadNpy(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void garbageFileIsRejected() throws IOException {
        Path file = folder.resolve("garbage.npy");
        Files.writeString(file, "not numpy");

        assertThatThrownBy(() -> Tensors.loadNpy(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file.toString());
    }
}
