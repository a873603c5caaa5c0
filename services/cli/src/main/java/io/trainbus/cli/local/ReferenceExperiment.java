package io.trainbus.cli.local;

import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.request.RequestValidator;
import io.trainbus.models.ReferenceModels;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * The requests of a local reference run: one MLP and one CNN job in one experiment, each with the reference
 * defaults except for the epochs and the optional data limits.
 *
 * @param experimentId experiment id; the job ids are {@code <experimentId>-mlp} and {@code <experimentId>-cnn}
 * @param mlpEpochs epochs of the MLP job
 * @param cnnEpochs epochs of the CNN job
 * @param trainLimit training records to use, validation included, 0 for all
 * @param testLimit test records to use, 0 for all
 */
public record ReferenceExperiment(String experimentId, int mlpEpochs, int cnnEpochs, int trainLimit,
        int testLimit) {

    /**
     * Builds and validates the two requests.
     *
     * @param nowMs submission time in milliseconds since the Unix epoch
     * @return the MLP request, then the CNN request
     * @throws InvalidRequestException when a value is out of range, naming the field
     */
    public List<TrainingRequest> requests(long nowMs) throws InvalidRequestException {
        List<TrainingRequest> requests = new ArrayList<>();
        requests.add(request(ReferenceModels.MLP, mlpEpochs, nowMs));
        requests.add(request(ReferenceModels.CNN, cnnEpochs, nowMs));
        return requests;
    }

    private TrainingRequest request(String model, int epochs, long nowMs) throws InvalidRequestException {
        TrainingRequest.Builder builder = TrainingRequest.newBuilder()
                .setJobId(experimentId + "-" + model)
                .setExperimentId(experimentId)
                .setModel(model)
                .setEpochs(epochs)
                .setSubmittedAtMs(nowMs);
        if (trainLimit > 0) {
            builder.getDatasetBuilder().setTrainLimit(trainLimit);
            // The default of 5,000 validation records leaves nothing to train on below 5,001 records.
            builder.getDatasetBuilder().setValidationSize(Math.max(1, Math.min(
                    RequestDefaults.DEFAULT_VALIDATION_SIZE, trainLimit / 10)));
        }
        if (testLimit > 0) {
            builder.getDatasetBuilder().setTestLimit(testLimit);
        }
        TrainingRequest request = RequestDefaults.apply(builder.build());
        RequestValidator.validate(request);
        return request;
    }
}
