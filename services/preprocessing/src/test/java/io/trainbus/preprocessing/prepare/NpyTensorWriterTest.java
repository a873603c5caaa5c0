package io.trainbus.preprocessing.prepare;

import static io.trainbus.preprocessing.prepare.PrepareFixtures.readNpy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTensorWriterTest {

    @TempDir
    Path temp;

    @Test
    void npyWriterRoundTripsHeaderAndValues() throws IOException {
        Path file = temp.resolve("m.npy");
        try (NpyTensorWriter writer = new NpyTensorWriter(file, 2, 3)) {
            writer.writeRow(new float[] {1.5f, -2f, 0f});
            writer.writeRow(new float[] {3f, 4.25f, Float.MIN_VALUE});
            NpyTensorWriter.WrittenTensor written = writer.finish();
            assertThat(written.sizeBytes()).isEqualTo(128 + 6 * Float.BYTES);
        }

        float[][] rows = readNpy(file);

        assertThat(rows[0]).containsExactly(1.5f, -2f, 0f);
        assertThat(rows[1]).containsExactly(3f, 4.25f, Float.MIN_VALUE);
    }

    @Test
    void npyWriterRejectsMissingRows() throws IOException {
        NpyTensorWriter writer = new NpyTensorWriter(temp.resolve("short.npy"), 2, 3);
        writer.writeRow(new float[] {1, 2, 3});

        assertThatThrownBy(writer::finish).isInstanceOf(IOException.class)
                .hasMessageContaining("received 1 rows")
                .hasMessageContaining("declares 2");
    }
}
