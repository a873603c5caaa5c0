package io.trainbus.preprocessing.prepare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.messaging.Json;
import org.junit.jupiter.api.Test;

class PreparedManifestTest {

    /** A manifest as the service stored it before the image shape was recorded. */
    private static final String WITHOUT_SHAPE = """
            {"datasetId":"d1","preparedId":"p1","normalisation":"divide-by-255","pixelOffset":0.0,
             "pixelDivisor":255.0,"classNames":["airplane"],
             "splits":[{"name":"train","count":2,"perClass":[2],
               "features":{"key":"k/train_x.npy","shape":[2,3072],"sizeBytes":24704,"sha256":"ab"},
               "labels":{"key":"k/train_y.npy","shape":[2,1],"sizeBytes":136,"sha256":"cd"}}]}
            """;

    @Test
    void manifestWithoutShapeReadsAsCifar() throws Exception {
        PreparedManifest manifest = Json.MAPPER.readValue(WITHOUT_SHAPE.getBytes(StandardCharsets.UTF_8),
                PreparedManifest.class);

        assertThat(manifest.shape()).isEqualTo(new ImageShape(32, 32, 3));
        assertThat(manifest.preparedId()).isEqualTo("p1");
        assertThat(manifest.split("train").features().shape()).containsExactly(2L, 3072L);
    }

    @Test
    void shapeSurvivesJson() throws Exception {
        PreparedManifest manifest = new PreparedManifest("d2", "p2", "zscore", 72.9, 90.1,
                new ImageShape(28, 28, 1), List.of("t-shirt"), List.of());

        byte[] json = Json.MAPPER.writeValueAsBytes(manifest);
        PreparedManifest read = Json.MAPPER.readValue(json, PreparedManifest.class);

        JsonNode shape = Json.MAPPER.readTree(json).path("shape");
        assertThat(shape.path("height").asInt()).isEqualTo(28);
        assertThat(shape.path("width").asInt()).isEqualTo(28);
        assertThat(shape.path("channels").asInt()).isEqualTo(1);
        assertThat(shape.size()).as("fields of the stored shape").isEqualTo(3);
        assertThat(read).isEqualTo(manifest);
    }
}
