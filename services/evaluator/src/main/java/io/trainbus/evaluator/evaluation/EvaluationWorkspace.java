package io.trainbus.evaluator.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.ObjectRef;
import org.jboss.logging.Logger;

/** A job's temporary folder for the downloaded checkpoint and test tensors. Closing deletes it. */
final class EvaluationWorkspace implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EvaluationWorkspace.class);

    private final ObjectStore store;
    private final String jobId;
    private final Path folder;

    private EvaluationWorkspace(ObjectStore store, String jobId, Path folder) {
        this.store = store;
        this.jobId = jobId;
        this.folder = folder;
    }

    static EvaluationWorkspace create(ObjectStore store, String jobId, Path parent) throws IOException {
        Files.createDirectories(parent);
        Path folder = Files.createTempDirectory(parent, "trainbus-evaluator-" + jobId + "-");
        return new EvaluationWorkspace(store, jobId, folder);
    }

    /**
     * Downloads an object the job needs into the folder.
     *
     * @param what description for messages, for example {@code best checkpoint}
     * @param ref the object
     * @param fileName local file name
     * @return the downloaded file
     * @throws EvaluationFailedException when the reference is empty, names another bucket or the object is missing
     */
    Path download(String what, ObjectRef ref, String fileName) {
        if (ref.getKey().isEmpty()) {
            throw new EvaluationFailedException("The TrainingCompleted event of job " + jobId + " names no "
                    + what + ": the trainer must set it");
        }
        String location = "s3://" + (ref.getBucket().isEmpty() ? store.bucket() : ref.getBucket()) + "/"
                + ref.getKey();
        if (!ref.getBucket().isEmpty() && !ref.getBucket().equals(store.bucket())) {
            throw new EvaluationFailedException("The " + what + " " + location + " is in another bucket than the "
                    + "evaluator's " + store.bucket() + ": set trainbus.storage.bucket to the trainer's bucket");
        }
        if (!store.exists(ref.getKey())) {
            throw new EvaluationFailedException("The " + what + " " + location + " of job " + jobId
                    + " was not found: train the job again");
        }
        Path target = folder.resolve(fileName);
        store.getFile(ref.getKey(), target);
        return target;
    }

    @Override
    public void close() {
        try {
            FolderTrees.delete(folder);
        } catch (IOException e) {
            LOG.warnf(e, "job=%s could not delete the temporary folder %s", jobId, folder);
        }
    }
}
