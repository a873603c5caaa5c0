package io.trainbus.common.request;

import java.util.List;

import io.trainbus.common.request.DatasetCatalog.Dataset;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * Checks a request with defaults applied, before any data moves. Each failure names the field, the value and the
 * allowed range. The upper bounds reject values that are certainly mistakes, not values that are merely slow.
 */
public final class RequestValidator {

    /** Model names the trainer builds. */
    public static final List<String> MODELS = ModelNames.ALL;
    public static final List<String> OPTIMIZERS = TrainingControlsValidator.OPTIMIZERS;
    public static final int MAX_EPOCHS = 10_000;
    public static final int MAX_BATCH_SIZE = 8_192;
    /** Longest {@code dataset.source}, in characters; real URLs and paths are far shorter. */
    public static final int MAX_SOURCE_CHARS = 2_048;


    private RequestValidator() {
    }

    /**
     * Validates a request.
     *
     * @param request a request after {@link RequestDefaults#apply}
     * @throws InvalidRequestException on the first field that is out of range
     */
    public static void validate(TrainingRequest request) throws InvalidRequestException {
        checkId("job_id", request.getJobId());
        checkId("experiment_id", request.getExperimentId());
        Dataset dataset = checkDataset(request.getDataset());
        LayerListValidator.validate(request, dataset.shape().height());
        int trainCount = trainCount(request.getDataset(), dataset);
        checkRange("epochs", request.getEpochs(), 1, MAX_EPOCHS);
        checkRange("batch_size", request.getBatchSize(), 1, Math.min(MAX_BATCH_SIZE, trainCount));
        TrainingControlsValidator.checkOptimizer(request.getOptimizer());
        TrainingControlsValidator.checkSchedule(request.getLearningRateSchedule());
        TrainingControlsValidator.checkEarlyStopping(request.getEarlyStopping());
        PreprocessingRules.validate(request.getPreprocessing());
    }

    /**
     * Counts the records a request trains on after the validation records are taken out.
     *
     * @param spec the dataset part of a defaulted request
     * @param dataset the catalog entry it names
     * @return training records
     */
    public static int trainCount(DatasetSpec spec, Dataset dataset) {
        int available = spec.getTrainLimit() > 0 ? spec.getTrainLimit() : dataset.trainCount();
        return available - spec.getValidationSize();
    }

    private static Dataset checkDataset(DatasetSpec spec) throws InvalidRequestException {
        Dataset dataset = DatasetCatalog.find(spec.getName()).orElseThrow(() -> invalid("dataset.name",
                spec.getName(), "is not a known dataset; use one of " + DatasetCatalog.names()));
        checkRange("dataset.train_limit", spec.getTrainLimit(), 0, dataset.trainCount());
        checkRange("dataset.test_limit", spec.getTestLimit(), 0, dataset.testCount());
        int available = spec.getTrainLimit() > 0 ? spec.getTrainLimit() : dataset.trainCount();
        if (spec.getValidationSize() < 1 || spec.getValidationSize() >= available) {
            throw invalid("dataset.validation_size", String.valueOf(spec.getValidationSize()),
                    "must be from 1 to " + (available - 1) + " so that training records remain (" + available
                            + " records available)");
        }
        checkSource(spec.getSource());
        return dataset;
    }

    /**
     * Checks only the form of a source. Which hosts and folders are allowed is the ingestion service's
     * configuration, so that check happens there.
     */
    private static void checkSource(String source) throws InvalidRequestException {
        if (source.length() > MAX_SOURCE_CHARS) {
            throw invalid("dataset.source", source.substring(0, 80) + "...", "is " + source.length()
                    + " characters long; at most " + MAX_SOURCE_CHARS + " are allowed");
        }
        if (source.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.isWhitespace(c))) {
            throw invalid("dataset.source", PrintableText.of(source), "contains whitespace or control characters; "
                    + "percent-encode them in a URL");
        }
    }

    private static void checkId(String field, String value) throws InvalidRequestException {
        if (!JobIds.isValid(value)) {
            throw invalid(field, value, JobIds.RULE);
        }
    }

    static void checkRange(String field, long value, long min, long max) throws InvalidRequestException {
        if (value < min || value > max) {
            throw invalid(field, String.valueOf(value), "must be from " + min + " to " + max);
        }
    }

    static InvalidRequestException invalid(String field, String value, String rule) {
        return new InvalidRequestException(field, value, "Invalid " + field + " '" + value + "': it " + rule + ".");
    }
}
