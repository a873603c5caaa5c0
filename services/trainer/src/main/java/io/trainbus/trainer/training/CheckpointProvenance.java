package io.trainbus.trainer.training;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.trainbus.common.messaging.Json;
import io.trainbus.proto.v1.DatasetPrepared;

/** Builds the provenance document stored in every checkpoint: which request, data and code made the weights. */
final class CheckpointProvenance {

    private CheckpointProvenance() {
    }

    /**
     * Describes the weights after one epoch.
     *
     * @param prepared the job's prepared data with its request
     * @param epoch 1-based epoch whose weights the checkpoint contains
     * @return JSON text
     */
    static String of(DatasetPrepared prepared, int epoch) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("job_id", prepared.getRequest().getJobId());
        document.put("experiment_id", prepared.getRequest().getExperimentId());
        document.put("model", prepared.getRequest().getModel());
        document.put("epoch", epoch);
        document.put("dataset_id", prepared.getDatasetId());
        document.put("prepared_id", prepared.getPreparedId());
        document.put("trainer_version", version());
        try {
            String request = JsonFormat.printer().preservingProtoFieldNames().print(prepared.getRequest());
            document.put("request", Json.MAPPER.readTree(request));
            return Json.MAPPER.writeValueAsString(document);
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException("Provenance of job " + prepared.getRequest().getJobId()
                    + " could not be written as JSON: " + e.getMessage(), e);
        }
    }

    /** Returns the trainer jar's Implementation-Version, or "development" when run from classes. */
    private static String version() {
        String version = CheckpointProvenance.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
