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
}
