package io.trainbus.models;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelSummaryTest {

    @Test
    void cnnSummaryListsLayersShapesAndTotal() {
        String summary = ModelSummary.render(ReferenceModels.build(Requests.of("cnn", 1)), "cnn");

        assertThat(summary).startsWith("Model: \"cnn\"");
        assertThat(summary).containsPattern("conv2d_1 \\(ConvolutionLayer\\)\\s+\\(None, 16, 32, 32\\)\\s+208");
        assertThat(summary).containsPattern("max_pooling2d_3 \\(SubsamplingLayer\\)\\s+\\(None, 64, 4, 4\\)\\s+0");
        assertThat(summary).containsPattern("dense_1 \\(DenseLayer\\)\\s+\\(None, 500\\)\\s+512,500");
        assertThat(summary).containsPattern("output \\(OutputLayer\\)\\s+\\(None, 10\\)\\s+5,010");
        assertThat(summary).contains("Total params: 528,054");
    }

    @Test
    void mlpSummaryHasOneRowPerLayer() {
        String summary = ModelSummary.render(ReferenceModels.build(Requests.of("mlp", 1)), "mlp");

        assertThat(summary).containsPattern("dense_1 \\(DenseLayer\\)\\s+\\(None, 1000\\)\\s+3,073,000");
        assertThat(summary).containsPattern("dropout_2 \\(DropoutLayer\\)\\s+\\(None, 512\\)\\s+0");
        assertThat(summary).contains("Total params: 3,590,642");
        assertThat(summary.lines().filter(line -> line.contains("Layer)"))).hasSize(5);
    }
}
