package io.trainbus.trainer.training;

import java.io.IOException;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.trainbus.common.messaging.Json;
import io.trainbus.models.TrainingState;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.ObjectRef;

/**
 * The resumable part of a run, stored as JSON entry {@link #ENTRY} in every last checkpoint: the training state
 * after the checkpoint's epoch, the best checkpoint written so far, and what the run trained on. A trainer resumes
 * a job from it only when the prepared data and the request are the same as the new delivery's.
 *
 * @param preparedId the prepared data the run trained on
 * @param request the job's request as Protobuf JSON
 * @param state the training state after the checkpoint's epoch
 * @param bestKey object key of the best checkpoint, empty before the first
 * @param bestSize its size in bytes
 * @param bestSha256 its SHA-256 in lower-case hex
 */
record SavedRun(String preparedId, String request, TrainingState state, String bestKey, long bestSize,
        String bestSha256) {

    /** Zip entry of the last checkpoint that contains this document. */
    static final String ENTRY = "trainbus-training-state.json";

    static SavedRun of(DatasetPrepared prepared, TrainingState state, ObjectRef best) {
        ObjectRef bestRef = best == null ? ObjectRef.getDefaultInstance() : best;
        return new SavedRun(prepared.getPreparedId(), requestJson(prepared), state, bestRef.getKey(),
                bestRef.getSizeBytes(), bestRef.getSha256());
    }

    static SavedRun parse(String json) throws IOException {
        return Json.MAPPER.readValue(json, SavedRun.class);
    }

    String toJson() throws IOException {
        return Json.MAPPER.writeValueAsString(this);
    }

    /** Returns true when this run trained on the same data with the same request as the given delivery. */
    boolean matches(DatasetPrepared prepared) {
        return preparedId.equals(prepared.getPreparedId()) && request.equals(requestJson(prepared));
    }

    /** Returns the best checkpoint's reference, or null before the first. */
    ObjectRef best(String bucket) {
        if (bestKey.isEmpty()) {
            return null;
        }
        return ObjectRef.newBuilder().setBucket(bucket).setKey(bestKey).setSizeBytes(bestSize)
                .setSha256(bestSha256).build();
    }

    private static String requestJson(DatasetPrepared prepared) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(prepared.getRequest());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("The request of job " + prepared.getRequest().getJobId()
                    + " could not be printed as JSON: " + e.getMessage(), e);
        }
    }
}
