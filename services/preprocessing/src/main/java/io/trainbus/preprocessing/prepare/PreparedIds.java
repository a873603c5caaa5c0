package io.trainbus.preprocessing.prepare;

import java.nio.charset.StandardCharsets;

import io.trainbus.common.storage.Digests;
import io.trainbus.proto.v1.DatasetSpec;

/** Content address of a preparation: equal inputs and settings give the same id, so results are reused. */
public final class PreparedIds {

    /** Hex digits kept from the SHA-256. With 64 bits, two preparations of one dataset are unlikely to collide. */
    private static final int LENGTH = 16;

    private PreparedIds() {
    }

    /**
     * Computes the prepared id.
     *
     * @param datasetId the raw dataset's id
     * @param spec the dataset part of a request with defaults applied
     * @param normalisation name of the pixel normalisation
     * @return 16 lower-case hex characters
     */
    public static String of(String datasetId, DatasetSpec spec, String normalisation) {
        String key = "dataset=" + datasetId
                + "\nvalidation_size=" + spec.getValidationSize()
                + "\ntrain_limit=" + spec.getTrainLimit()
                + "\ntest_limit=" + spec.getTestLimit()
                + "\nnormalisation=" + normalisation + "\n";
        return Digests.sha256Hex(key.getBytes(StandardCharsets.UTF_8)).substring(0, LENGTH);
    }
}
