package io.trainbus.common.storage;

/**
 * Where each kind of object lives in the bucket. Data is content-addressed (the dataset id is a digest of the
 * source files) so equal inputs share objects; job outputs live under the job id.
 *
 * <pre>
 * datasets/{dataset}/{datasetId}/raw/{file}                       verified source files
 * datasets/{dataset}/{datasetId}/raw/manifest.json                written last
 * datasets/{dataset}/{datasetId}/prepared/{preparedId}/{split}_x.npy, {split}_y.npy
 * datasets/{dataset}/{datasetId}/prepared/{preparedId}/manifest.json   written last
 * jobs/{jobId}/checkpoints/best.zip, last.zip                     Deeplearning4j model zips with updater state
 * jobs/{jobId}/history.json                                       per-epoch figures
 * jobs/{jobId}/report.json                                        the evaluation report
 * jobs/{jobId}/augmented/epoch-{00001}/train_x.npy                augmented training features of one epoch
 * jobs/{jobId}/augmented/epoch-{00001}/manifest.json              written last
 * augmentation/active/{jobId}.json                                a running augmentation's state, for restarts
 * messages/{sha256}.pb                                            an event too large for a Kafka record
 * </pre>
 */
public final class ObjectKeys {

    public static final String MANIFEST = "manifest.json";

    private ObjectKeys() {
    }

    /** @return prefix of a dataset's verified source files */
    public static String rawPrefix(String dataset, String datasetId) {
        return "datasets/" + dataset + "/" + datasetId + "/raw/";
    }

    /** @return prefix of one preparation of a dataset */
    public static String preparedPrefix(String dataset, String datasetId, String preparedId) {
        return "datasets/" + dataset + "/" + datasetId + "/prepared/" + preparedId + "/";
    }

    /** @return prefix of everything a job writes */
    public static String jobPrefix(String jobId) {
        return "jobs/" + jobId + "/";
    }

    /** @return key of a job's best checkpoint (lowest validation loss) */
    public static String bestCheckpoint(String jobId) {
        return jobPrefix(jobId) + "checkpoints/best.zip";
    }

    /** @return key of a job's checkpoint after its last finished epoch */
    public static String lastCheckpoint(String jobId) {
        return jobPrefix(jobId) + "checkpoints/last.zip";
    }

    /** @return key of a job's per-epoch history */
    public static String history(String jobId) {
        return jobPrefix(jobId) + "history.json";
    }

    /** @return key of a job's evaluation report */
    public static String report(String jobId) {
        return jobPrefix(jobId) + "report.json";
    }

    /** @return prefix of every augmented epoch of a job */
    public static String augmentedPrefix(String jobId) {
        return jobPrefix(jobId) + "augmented/";
    }

    /**
     * Returns the prefix of one augmented epoch. The epoch is zero-padded to five digits so that listings sort in
     * epoch order.
     *
     * @param jobId the job
     * @param epoch 1-based epoch
     * @return the prefix, ending in {@code /}
     */
    public static String augmentedEpochPrefix(String jobId, int epoch) {
        return augmentedPrefix(jobId) + String.format("epoch-%05d/", epoch);
    }

    /** @return key of one epoch's augmented training features, float32 [n, height x width x channels] */
    public static String augmentedFeatures(String jobId, int epoch) {
        return augmentedEpochPrefix(jobId, epoch) + "train_x.npy";
    }

    /** @return key of one epoch's augmentation manifest, written after the features */
    public static String augmentedManifest(String jobId, int epoch) {
        return augmentedEpochPrefix(jobId, epoch) + MANIFEST;
    }

    /** @return prefix under which running augmentations keep their state */
    public static String augmentationStatePrefix() {
        return "augmentation/active/";
    }

    /** @return key of an event stored in place of a Kafka record, named by the SHA-256 of its bytes */
    public static String claimCheck(String sha256) {
        return "messages/" + sha256 + ".pb";
    }

    /** @return key of a running augmentation's state */
    public static String augmentationState(String jobId) {
        return augmentationStatePrefix() + jobId + ".json";
    }
}
