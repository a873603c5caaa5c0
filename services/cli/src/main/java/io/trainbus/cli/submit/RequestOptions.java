package io.trainbus.cli.submit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.request.RequestParser;
import io.trainbus.common.request.RequestValidator;
import io.trainbus.proto.v1.TrainingRequest;
import picocli.CommandLine.Option;

/**
 * The request options of {@code trainbus submit}. A request comes from a file, from flags, or from both, in which
 * case each flag replaces the file's value. Fields left out get the reference defaults of {@link RequestDefaults}.
 */
public class RequestOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "TrainingRequest as the Protobuf JSON mapping or binary Protobuf; flags override it.")
    Path file;

    @Option(names = "--job-id", description = "Job id, also the Kafka key. Default: <model>-<current time in ms>.")
    String jobId;

    @Option(names = "--experiment-id", description = "Experiment the job belongs to. Default: the job id.")
    String experimentId;

    @Option(names = "--model", description = "Model to train: mlp, cnn or optimized-cnn.")
    String model;

    @Option(names = "--epochs", description = "Passes over the training split. Default: 100 for mlp, 20 for cnn.")
    Integer epochs;

    @Option(names = "--batch-size", description = "Images per gradient step. Default: 32.")
    Integer batchSize;

    @Option(names = "--seed", description = "Seed for weight initialisation and shuffling. Default: 42.")
    Long seed;

    @Option(names = "--dataset", description = "Dataset name: cifar-10 or fashion-mnist. Default: cifar-10.")
    String dataset;

    @Option(names = "--train-limit",
            description = "Use only the first N training records, validation included; 0 means all. Default: 0.")
    Integer trainLimit;

    @Option(names = "--validation-size",
            description = "Records taken from the start of the training order for validation. Default: 5000.")
    Integer validationSize;

    @Option(names = "--test-limit", description = "Use only the first N test records; 0 means all. Default: 0.")
    Integer testLimit;

    @Option(names = "--learning-rate", description = "RMSprop learning rate. Default: 0.001.")
    Double learningRate;

    @Option(names = "--rho", description = "RMSprop decay of the squared-gradient average. Default: 0.9.")
    Double rho;

    @Option(names = "--epsilon", description = "RMSprop epsilon. Default: 1e-7.")
    Double epsilon;

    /**
     * Builds the request from the file and the flags, applies the defaults and validates it.
     *
     * @param nowMs the current time in milliseconds since the Unix epoch, for the default job id and submitted_at_ms
     * @return a request with every optional field set
     * @throws InvalidRequestException when the file cannot be read or parsed, or a field is out of range
     */
    public TrainingRequest build(long nowMs) throws InvalidRequestException {
        TrainingRequest.Builder builder = file == null ? TrainingRequest.newBuilder() : readFile(file).toBuilder();
        applyFlags(builder);
        if (builder.getJobId().isEmpty() && !builder.getModel().isEmpty()) {
            builder.setJobId(builder.getModel() + "-" + nowMs);
        }
        if (builder.getSubmittedAtMs() == 0) {
            builder.setSubmittedAtMs(nowMs);
        }
        TrainingRequest request = RequestDefaults.apply(builder.build());
        RequestValidator.validate(request);
        return request;
    }

    private void applyFlags(TrainingRequest.Builder builder) {
        if (jobId != null) {
            builder.setJobId(jobId);
        }
        if (experimentId != null) {
            builder.setExperimentId(experimentId);
        }
        if (model != null) {
            builder.setModel(model);
        }
        if (epochs != null) {
            builder.setEpochs(epochs);
        }
        if (batchSize != null) {
            builder.setBatchSize(batchSize);
        }
        if (seed != null) {
            builder.setSeed(seed);
        }
        applyDatasetFlags(builder);
        applyOptimizerFlags(builder);
    }

    private void applyDatasetFlags(TrainingRequest.Builder builder) {
        if (dataset != null) {
            builder.getDatasetBuilder().setName(dataset);
        }
        if (trainLimit != null) {
            builder.getDatasetBuilder().setTrainLimit(trainLimit);
        }
        if (validationSize != null) {
            builder.getDatasetBuilder().setValidationSize(validationSize);
        }
        if (testLimit != null) {
            builder.getDatasetBuilder().setTestLimit(testLimit);
        }
    }

    private void applyOptimizerFlags(TrainingRequest.Builder builder) {
        if (learningRate != null) {
            builder.getOptimizerBuilder().setLearningRate(learningRate);
        }
        if (rho != null) {
            builder.getOptimizerBuilder().setRho(rho);
        }
        if (epsilon != null) {
            builder.getOptimizerBuilder().setEpsilon(epsilon);
        }
    }

    private static TrainingRequest readFile(Path path) throws InvalidRequestException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new InvalidRequestException("", path.toString(), "Request file " + path
                    + " not found. Pass an existing file with -f, for example examples/requests/cnn.json.");
        } catch (IOException e) {
            throw new InvalidRequestException("", path.toString(), "Reading request file " + path + " failed: "
                    + e.getMessage());
        }
        try {
            return RequestParser.parse(bytes);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.field(), e.value(), path + ": " + e.getMessage());
        }
    }
}
