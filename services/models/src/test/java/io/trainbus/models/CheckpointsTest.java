package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

class CheckpointsTest {

    @TempDir
    Path folder;

    @Test
    void roundTripKeepsOutputsAndOptimizerState() throws IOException {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("cnn", 2));
        INDArray labels = Nd4j.zeros(8, 10);
        for (int i = 0; i < 8; i++) {
            labels.putScalar(i, i, 1.0);
        }
        net.fit(new DataSet(Nd4j.rand(8, 3072), labels));
        Path file = folder.resolve("best.zip");

        Checkpoints.write(net, file);
        MultiLayerNetwork restored = Checkpoints.read(file);

        INDArray probe = Nd4j.rand(5, 3072);
        assertThat(restored.output(probe, false)).isEqualTo(net.output(probe, false));
        assertThat(restored.getUpdater().getStateViewArray()).isEqualTo(net.getUpdater().getStateViewArray());
        assertThat(restored.numParams()).isEqualTo(528_054L);
        assertThat(Files.list(folder).map(p -> p.getFileName().toString())).containsExactly("best.zip");
    }

    @Test
    void writeReplacesExistingCheckpoint() throws IOException {
        Path file = folder.resolve("last.zip");
        Checkpoints.write(ReferenceModels.build(Requests.of("mlp", 1)), file);
        MultiLayerNetwork second = ReferenceModels.build(Requests.of("mlp", 2));

        Checkpoints.write(second, file);

        assertThat(Checkpoints.read(file).params()).isEqualTo(second.params());
    }

    @Test
    void provenanceTravelsWithCheckpoint() throws IOException {
        MultiLayerNetwork net = ReferenceModels.build(Requests.of("mlp", 3));
        Path file = folder.resolve("best.zip");
        String provenance = "{\"job_id\": \"j1\", \"dataset_id\": \"abc\"}";

        Checkpoints.write(net, file, provenance);

        assertThat(Checkpoints.readProvenance(file)).contains(provenance);
        assertThat(Checkpoints.read(file).params()).isEqualTo(net.params());
    }

    @Test
    void checkpointWithoutProvenanceHasNone() throws IOException {
        Path file = folder.resolve("plain.zip");
        Checkpoints.write(ReferenceModels.build(Requests.of("mlp", 3)), file);

        assertThat(Checkpoints.readProvenance(file)).isEmpty();
    }

    @Test
    void readOfMissingFileNamesIt() {
        Path missing = folder.resolve("missing.zip");

        assertThatThrownBy(() -> Checkpoints.read(missing))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }
}
