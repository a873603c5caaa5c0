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
    void unknownModelIsRejectedWithChoices() {
        int exitCode = trainbus("models", "resnet");

        assertThat(exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("Unknown model 'resnet'", "mlp", "cnn");
        assertThat(out.toString()).isEmpty();
    }
}
