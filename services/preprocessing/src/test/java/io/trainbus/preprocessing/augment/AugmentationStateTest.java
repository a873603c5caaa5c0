package io.trainbus.preprocessing.augment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.messaging.Json;
import io.trainbus.proto.v1.AugmentationSpec;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.PreprocessingSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;

class AugmentationStateTest {

    /** A state as the service stored it before the image shape was recorded. */
    private static final String WITHOUT_SHAPE = """
            {"jobId":"j1","experimentId":"e1","preparedId":"p1","featuresKey":"k/train_x.npy","featuresSha256":"ab",
             "rows":200,"epochs":5,"seed":7,"rotationRange":15.0,"widthShiftRange":0.15,"heightShiftRange":0.15,
             "horizontalFlip":true,"fillMode":"nearest","lastCompletedEpoch":2}
            """;

    @Test
    void stateWithoutShapeReadsAsCifar() throws Exception {
        AugmentationState state = Json.MAPPER.readValue(WITHOUT_SHAPE.getBytes(StandardCharsets.UTF_8),
                AugmentationState.class);

        assertThat(state.shape()).isEqualTo(new ImageShape(32, 32, 3));
        assertThat(state.lastCompletedEpoch()).isEqualTo(2);
        assertThat(state.withLastCompletedEpoch(3).shape()).isEqualTo(new ImageShape(32, 32, 3));
    }

    @Test
    void shapeComesFromRequestDataset() throws Exception {
        AugmentationState gray = AugmentationState.of(prepared("fashion-mnist"));
        AugmentationState colour = AugmentationState.of(prepared(""));

        assertThat(gray.shape()).isEqualTo(new ImageShape(28, 28, 1));
        assertThat(colour.shape()).as("the default dataset is CIFAR-10").isEqualTo(new ImageShape(32, 32, 3));
        AugmentationState read = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(gray), AugmentationState.class);
        assertThat(read).isEqualTo(gray);
    }

    @Test
    void unknownDatasetIsRejected() {
        assertThatThrownBy(() -> AugmentationState.of(prepared("mnist-digits")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mnist-digits'")
                .hasMessageContaining("fashion-mnist");
    }

    private static DatasetPrepared prepared(String dataset) {
        TrainingRequest request = TrainingRequest.newBuilder()
                .setJobId("j2")
                .setModel("cnn")
                .setDataset(DatasetSpec.newBuilder().setName(dataset))
                .setPreprocessing(PreprocessingSpec.newBuilder()
                        .setAugmentation(AugmentationSpec.newBuilder().setEnabled(true)))
                .build();
        return DatasetPrepared.newBuilder().setRequest(request).setPreparedId("p2").build();
    }
}
