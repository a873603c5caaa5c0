package io.trainbus.cli.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import io.trainbus.cli.ExitCodes;
import io.trainbus.cli.TrainbusCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelsCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int trainbus(String... args) {
        return new CommandLine(new TrainbusCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void cnnSummaryShowsReferenceParameterCount() {
        int exitCode = trainbus("models", "cnn");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Model: \"cnn\"");
        assertThat(out.toString()).contains("528,054");
        assertThat(out.toString()).doesNotContain("Model: \"mlp\"");
    }

    @Test
    void withoutNameAllThreeModelsArePrinted() {
        int exitCode = trainbus("models");

        assertThat(exitCode).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Model: \"mlp\"", "Total params: 3,590,642", "Model: \"cnn\"",
                "Total params: 528,054", "Model: \"optimized-cnn\"", "Total params: 309,290");
    }

    @Test
    void optimizedCnnSummarySplitsTrainableParameters() {
        int exitCode = trainbus("models", "optimized-cnn");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Total params: 309,290", "Trainable params: 308,394",
                "Non-trainable params: 896");
        assertThat(out.toString()).containsPattern("output \\(OutputLayer\\)\\s+\\(None, 10\\)\\s+20,490");
    }

    @Test
    void fashionMnistSizesModelsForGreyImages() {
        int exitCode = trainbus("models", "cnn", "--dataset", "fashion-mnist");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("Dataset fashion-mnist: 28x28x1 images");
        assertThat(out.toString()).containsPattern("conv2d_1 \\(ConvolutionLayer\\)\\s+\\(None, 16, 28, 28\\)\\s+80");
        assertThat(out.toString()).containsPattern("max_pooling2d_3 \\(SubsamplingLayer\\)\\s+\\(None, 64, 3, 3\\)");
        assertThat(out.toString()).contains("Total params: 303,926");
    }

    @Test
    void fashionMnistMlpHasHandCountedParameters() {
        int exitCode = trainbus("models", "mlp", "--dataset=fashion-mnist");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).containsPattern("dense_1 \\(DenseLayer\\)\\s+\\(None, 1000\\)\\s+785,000");
        assertThat(out.toString()).contains("Total params: 1,302,642");
    }

    @Test
    void defaultDatasetIsCifar10() {
        int exitCode = trainbus("models", "mlp");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).startsWith("Dataset cifar-10: 32x32x3 images");
        assertThat(out.toString()).contains("Total params: 3,590,642");
    }

    @Test
    void unknownDatasetIsRejectedWithChoices() {
        int exitCode = trainbus("models", "cnn", "--dataset", "mnist");

        assertThat(exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("Unknown dataset 'mnist'", "cifar-10, fashion-mnist");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void helpListsDatasetsAndDefault() {
        int exitCode = trainbus("models", "--help");

        // Picocli wraps the help at 80 columns, so the check reads it as one line.
        String help = out.toString().replaceAll("\\s+", " ");
        assertThat(exitCode).isEqualTo(ExitCodes.OK);
        assertThat(help).contains("--dataset=DATASET");
        assertThat(help).contains("cifar-10, fashion-mnist");
        assertThat(help).contains("Default: cifar-10.");
    }

    @Test
    void unknownModelIsRejectedWithChoices() {
        int exitCode = trainbus("models", "resnet");

        assertThat(exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("Unknown model 'resnet'", "mlp", "cnn");
        assertThat(out.toString()).isEmpty();
    }
}
