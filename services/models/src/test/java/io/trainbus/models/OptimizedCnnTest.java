package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class OptimizedCnnTest {

    @Test
    void parameterCountsMatchKeras() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.optimizedCnn(1));

        assertThat(net.numParams()).isEqualTo(309_290L);
        assertThat(ModelSummary.nonTrainableParams(net)).isEqualTo(896L);
        assertThat(net.numParams() - ModelSummary.nonTrainableParams(net)).isEqualTo(308_394L);
    }

    @Test
    void layersFollowReferenceDefinition() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.optimizedCnn(1));
        List<org.deeplearning4j.nn.conf.layers.Layer> layers = Arrays.stream(net.getLayers())
                .map(layer -> layer.conf().getLayer()).toList();

        List<ConvolutionLayer> convolutions = layers.stream().filter(ConvolutionLayer.class::isInstance)
                .map(ConvolutionLayer.class::cast).toList();
        assertThat(convolutions).extracting(ConvolutionLayer::getNOut).containsExactly(32L, 32L, 64L, 64L, 128L, 128L);
        assertThat(convolutions).allSatisfy(conv -> {
            assertThat(conv.getKernelSize()).containsExactly(3, 3);
            assertThat(conv.getActivationFn()).isInstanceOf(ActivationELU.class);
            assertThat(conv.getRegularization()).hasSize(1);
        });
        List<BatchNormalization> norms = layers.stream().filter(BatchNormalization.class::isInstance)
                .map(BatchNormalization.class::cast).toList();
        assertThat(norms).hasSize(6).allSatisfy(norm -> {
            assertThat(norm.getDecay()).isEqualTo(0.99);
            assertThat(norm.getEps()).isEqualTo(1e-3);
        });
        List<Double> retain = layers.stream().filter(DropoutLayer.class::isInstance)
                .map(layer -> ((Dropout) layer.getIDropout()).getP()).toList();
        assertThat(retain).hasSize(3);
        assertThat(retain.get(0)).isCloseTo(0.8, within(1e-12));
        assertThat(retain.get(1)).isCloseTo(0.7, within(1e-12));
        assertThat(retain.get(2)).isCloseTo(0.6, within(1e-12));
        INDArray flattened = net.feedForward(Nd4j.zeros(1, Requests.CIFAR_FEATURES), false).get(layers.size() - 1);
        assertThat(flattened.length()).as("inputs of the output layer").isEqualTo(2048);
    }

    @Test
    void summaryShowsTrainableAndNonTrainableCounts() {
        String summary = ModelSummary.render(ReferenceModels.build(Requests.optimizedCnn(1)), "optimized-cnn");

        assertThat(summary).containsPattern("conv2d_1 \\(ConvolutionLayer\\)\\s+\\(None, 32, 32, 32\\)\\s+896");
        assertThat(summary).containsPattern("batch_normalization_1 \\(BatchNormalization\\)\\s+\\(None, 32, 32, 32\\)"
                + "\\s+128");
        assertThat(summary).containsPattern("conv2d_6 \\(ConvolutionLayer\\)\\s+\\(None, 128, 8, 8\\)\\s+147,584");
        assertThat(summary).containsPattern("output \\(OutputLayer\\)\\s+\\(None, 10\\)\\s+20,490");
        assertThat(summary).contains("Total params: 309,290");
        assertThat(summary).contains("Trainable params: 308,394");
        assertThat(summary).contains("Non-trainable params: 896");
    }

    @Test
    void inferenceGivesSameOutputAloneAndInBatch() {
        MultiLayerNetwork net = ReferenceModels.build(Requests.optimizedCnn(3));
        Nd4j.getRandom().setSeed(5);
        INDArray images = Nd4j.rand(64, Requests.CIFAR_FEATURES);
        INDArray labels = Nd4j.eye(10).repeat(0, 7).get(NDArrayIndex.interval(0, 64), NDArrayIndex.all());
        // Two training steps move the batch-norm moving statistics away from their initial 0 and 1.
        net.fit(new DataSet(images, labels));
        net.fit(new DataSet(images, labels));
        Layer firstNorm = net.getLayer(1);
        assertThat(firstNorm.getParam("mean").sumNumber().doubleValue()).isNotZero();

        INDArray batch = net.output(images, false);
        for (int row : new int[] {0, 17, 63}) {
            INDArray alone = net.output(images.getRow(row, true), false);
            assertThat(alone.sub(batch.getRow(row, true)).amaxNumber().doubleValue())
                    .as("row %d alone versus in the batch of 64", row).isLessThan(1e-6);
        }
        INDArray again = net.output(images, false);
        assertThat(again.equalsWithEps(batch, 0)).as("inference draws no dropout masks").isTrue();
    }
}
