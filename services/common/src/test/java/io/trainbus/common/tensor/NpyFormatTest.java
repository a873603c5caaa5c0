package io.trainbus.common.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

class NpyFormatTest {

    @Test
    void headerIsPaddedTo64BytesAndRoundTrips() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NpyFormat.writeFloat32Header(out, 45_000, 3072);

        byte[] header = out.toByteArray();
        assertThat(header.length % 64).isZero();
        assertThat(header[header.length - 1]).isEqualTo((byte) '\n');
        assertThat(NpyFormat.readFloat32Header(new ByteArrayInputStream(header))).containsExactly(45_000, 3072);
    }

    @Test
    void oneDimensionalShapeUsesTupleComma() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        NpyFormat.writeFloat32Header(out, 7);

        assertThat(out.toString(java.nio.charset.StandardCharsets.US_ASCII)).contains("'shape': (7,)");
        assertThat(NpyFormat.readFloat32Header(new ByteArrayInputStream(out.toByteArray()))).containsExactly(7);
    }

    @Test
    void readerRejectsOtherFormats() {
        assertThatThrownBy(() -> NpyFormat.readFloat32Header(new ByteArrayInputStream("PK\u0003\u0004xxxxxx"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Not a version 1.0 .npy file");
    }
}
