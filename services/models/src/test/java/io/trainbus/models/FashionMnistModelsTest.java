package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.proto.v1.LayerSpec;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The reference models on 28x28 grayscale images. The expected counts are worked out by hand from the Keras
 * definitions, with 'same' convolutions and 'valid' 2x2 pooling (28, 14, 7, 3):
 * <ul>
 * <li>MLP: 784 * 1000 + 1000 + 1000 * 512 + 512 + 512 * 10 + 10 = 1,302,642.</li>
 * <li>CNN: conv 2*2*1*16+16 = 80, 2*2*16*32+32 = 2,080, 2*2*32*64+64 = 8,256, dense 3*3*64 * 500 + 500 = 288,500,
 * output 500 * 10 + 10 = 5,010; total 303,926.</li>
 * <li>Optimized CNN: conv 320, 9,248, 18,496, 36,928, 73,856, 147,584, batch norm 4 * (32+32+64+64+128+128) = 1,792,
 * output 3*3*128 * 10 + 10 = 11,530; total 299,754, of which 896 moving statistics.</li>
 * </ul>
 */
class FashionMnistModelsTest {

    private static final int FEATURES = 28 * 28;

    @Test
    void mlpHasHandCountedParameters() {
        MultiLayerNetwork mlp = build("mlp");

        assertThat(mlp.numParams()).isEqualTo(1_302_642L);
        assertThat(mlp.getLayer(0).getParam("W").shape()).containsExactly(784, 1000);
    }

    @Test
    void cnnPoolsTwentyEightDownToThree() {
        MultiLayerNetwork cnn = build("cnn");

        List<INDArray> activations = cnn.feedForward(Nd4j.rand(2, FEATURES), false);

        assertThat(cnn.numParams()).isEqualTo(303_926L);
        assertThat(activations.stream().map(a -> Arrays.toString(a.shape())).toList()).containsExactly(
                "[2, 784]",
                "[2, 16, 28, 28]", "[2, 16, 14, 14]",
                "[2, 32, 14, 14]", "[2, 32, 7, 7]",
                "[2, 64, 7, 7]", "[2, 64, 3, 3]",
                "[2, 64, 3, 3]", "[2, 500]", "[2, 500]", "[2, 10]");
    }

    @Test
    void optimizedCnnHasHandCountedParameters() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.onFashionMnist(Requests.optimizedCnn(1)));

        assertThat(net.numParams()).isEqualTo(299_754L);
        assertThat(ModelSummary.nonTrainableParams(net)).isEqualTo(896L);
        String summary = ModelSummary.render(net, "optimized-cnn");
        assertThat(summary).containsPattern("conv2d_1 \\(ConvolutionLayer\\)\\s+\\(None, 32, 28, 28\\)\\s+320");
        assertThat(summary).containsPattern("max_pooling2d_3 \\(SubsamplingLayer\\)\\s+\\(None, 128, 3, 3\\)\\s+0");
        assertThat(summary).containsPattern("output \\(OutputLayer\\)\\s+\\(None, 10\\)\\s+11,530");
        assertThat(summary).contains("Total params: 299,754");
    }

    @Test
    void customLayersTakeTheDatasetShape() {
        TrainingRequest request = Requests.onFashionMnist(Requests.of("custom", 4)).toBuilder()
                .addLayers(LayerSpec.newBuilder().setType("conv").setFilters(4).setKernelSize(3).setPadding("valid")
                        .setActivation("relu"))
                .addLayers(LayerSpec.newBuilder().setType("pool").setKernelSize(2))
                .addLayers(LayerSpec.newBuilder().setType("flatten"))
                .build();

        MultiLayerNetwork net = ReferenceModels.build(request);

        // conv 3*3*1*4 + 4 = 40; 28 - 2 = 26, pooled to 13; output 13*13*4 * 10 + 10 = 6,770.
        assertThat(net.numParams()).isEqualTo(40L + 6_770L);
        assertThat(net.output(Nd4j.rand(3, FEATURES), false).shape()).containsExactly(3, 10);
    }

    @Test
    void explicitShapeSetsLayerWidths() {
        MultiLayerNetwork mlp = ReferenceModels.build(Requests.of("mlp", 2), new ImageShape(8, 6, 2), 3);

        // 96 * 1000 + 1000 + 1000 * 512 + 512 + 512 * 3 + 3
        assertThat(mlp.numParams()).isEqualTo(611_051L);
        assertThat(mlp.output(Nd4j.rand(2, 96), false).shape()).containsExactly(2, 3);
    }

    @Test
    void requestWithoutDatasetIsRejected() {
        TrainingRequest noDataset = Requests.of("mlp", 1).toBuilder().clearDataset().build();

        assertThatThrownBy(() -> ReferenceModels.build(noDataset))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("names no dataset");
    }

    @Test
    void singleClassIsRejected() {
        assertThatThrownBy(() -> ReferenceModels.build(Requests.of("mlp", 1), new ImageShape(28, 28, 1), 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("class count 1");
    }

    private static MultiLayerNetwork build(String model) {
        return ReferenceModels.build(Requests.onFashionMnist(Requests.of(model, 1)));
    }
}
