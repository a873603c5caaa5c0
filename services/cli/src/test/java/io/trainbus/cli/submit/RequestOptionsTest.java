package io.trainbus.cli.submit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import io.trainbus.cli.ExitCodes;
import io.trainbus.cli.TrainbusCommand;
import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.RequestParser;
import io.trainbus.proto.v1.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RequestOptionsTest {

    private static final long NOW = 1_700_000_000_000L;

    private static TrainingRequest build(String... args) throws InvalidRequestException {
        RequestOptions options = new RequestOptions();
        new CommandLine(options).parseArgs(args);
        return options.build(NOW);
    }

    @Test
    void flagsBuildDefaultedRequest() throws Exception {
        TrainingRequest request = build("--job-id", "j1", "--experiment-id", "e1", "--model", "mlp",
                "--epochs", "3", "--batch-size", "64", "--train-limit", "2000", "--validation-size", "500",
                "--test-limit", "300", "--seed", "7", "--learning-rate", "0.01");

        assertThat(request.getJobId()).isEqualTo("j1");
        assertThat(request.getExperimentId()).isEqualTo("e1");
        assertThat(request.getModel()).isEqualTo("mlp");
        assertThat(request.getEpochs()).isEqualTo(3);
        assertThat(request.getBatchSize()).isEqualTo(64);
        assertThat(request.getSeed()).isEqualTo(7);
        assertThat(request.getDataset().getName()).isEqualTo("cifar-10");
        assertThat(request.getDataset().getTrainLimit()).isEqualTo(2000);
        assertThat(request.getDataset().getValidationSize()).isEqualTo(500);
        assertThat(request.getDataset().getTestLimit()).isEqualTo(300);
        assertThat(request.getOptimizer().getLearningRate()).isEqualTo(0.01);
        assertThat(request.getOptimizer().getRho()).isEqualTo(0.9);
        assertThat(request.getSubmittedAtMs()).isEqualTo(NOW);
    }

    @Test
    void missingJobIdUsesModelAndTime() throws Exception {
        TrainingRequest request = build("--model", "cnn");

        assertThat(request.getJobId()).isEqualTo("cnn-" + NOW);
        assertThat(request.getExperimentId()).isEqualTo(request.getJobId());
        assertThat(request.getEpochs()).isEqualTo(20);
    }

    @Test
    void flagsOverrideFileValues(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("request.json");
        Files.writeString(file, "{\"jobId\": \"from-file\", \"model\": \"cnn\", \"epochs\": 20, "
                + "\"dataset\": {\"testLimit\": 100}}");

        TrainingRequest request = build("-f", file.toString(), "--epochs", "2");

        assertThat(request.getJobId()).isEqualTo("from-file");
        assertThat(request.getModel()).isEqualTo("cnn");
        assertThat(request.getEpochs()).isEqualTo(2);
        assertThat(request.getDataset().getTestLimit()).isEqualTo(100);
    }

    @Test
    void invalidFlagNamesField() {
        assertThatThrownBy(() -> build("--model", "cnn", "--batch-size", "0"))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("batch_size")
                .hasMessageContaining("'0'");
    }

    @Test
    void unknownModelNamesField() {
        assertThatThrownBy(() -> build("--job-id", "j", "--model", "resnet"))
                .isInstanceOf(InvalidRequestException.class)
                .satisfies(e -> assertThat(((InvalidRequestException) e).field()).isEqualTo("model"))
                .hasMessageContaining("resnet");
    }

    @Test
    void missingFileIsReportedWithPath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.json");

        assertThatThrownBy(() -> build("-f", missing.toString()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not found");
    }

    @Test
    void malformedFileNamesFileAndField(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"jobId\": \"j\", \"model\": \"cnn\", \"epochs\": \"many\"}");

        assertThatThrownBy(() -> build("-f", file.toString()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("epochs");
    }

    @Test
    void invalidSubmitExitsWithTwo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainbusCommand())
                .setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err));

        // Port 1 has no broker: had validation passed, publishing would fail with exit code 1, not 2.
        int exitCode = cli.execute("submit", "--model", "cnn", "--epochs", "0", "--bootstrap-servers",
                "127.0.0.1:1");

        assertThat(exitCode).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("Invalid epochs '0'");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void oversizedSubmitIsNotPublished(@TempDir Path dir) throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new TrainbusCommand()).setErr(new PrintWriter(err));
        Path large = dir.resolve("large.json");
        Files.writeString(large, "{\"jobId\": \"j\", \"model\": \"cnn\"" + " ".repeat(70_000) + "}");

        // Port 1 has no broker, so an attempt to publish would exit with 1.
        int smallLimit = cli.execute("submit", "--model", "cnn", "--max-request-bytes", "100",
                "--bootstrap-servers", "127.0.0.1:1");
        int largeFile = cli.execute("submit", "-f", large.toString(), "--bootstrap-servers", "127.0.0.1:1");

        assertThat(smallLimit).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(largeFile).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(err.toString()).contains("over the limit of 100 bytes")
                .contains(Files.size(large) + " bytes, over the limit of " + RequestParser.MAX_REQUEST_BYTES)
                .contains("Nothing was published.");
    }
}
