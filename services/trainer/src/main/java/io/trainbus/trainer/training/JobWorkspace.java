package io.trainbus.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.models.Tensors;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TensorPair;
import org.jboss.logging.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A job's temporary folder: downloaded tensors and checkpoints before upload. Closing deletes it. */
final class JobWorkspace implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(JobWorkspace.class);

    private final ObjectStore store;
    private final String jobId;
    private final Path folder;

    private JobWorkspace(ObjectStore store, String jobId, Path folder) {
        this.store = store;
        this.jobId = jobId;
        this.folder = folder;
    }

    static JobWorkspace create(ObjectStore store, String jobId, Path parent) throws IOException {
        Files.createDirectories(parent);
        return new JobWorkspace(store, jobId, Files.createTempDirectory(parent, "trainbus-" + jobId + "-"));
    }

    /** Returns a path inside the folder for a file the job writes. */
    Path file(String name) {
        return folder.resolve(name);
    }

    /**
     * Downloads and loads one split, checking its shape against the message and the job's dataset.
     *
     * @param split split name for file names and messages, for example {@code train}
     * @param pair the split's objects and record count
     * @param dataset the job's dataset. Each feature row has {@code shape.pixelsPerImage()} values, and each label
     *        row has one column per class.
     * @throws IllegalStateException when an object is missing or the tensors do not match the message
     */
    LabeledTensors load(String split, TensorPair pair, DatasetCatalog.Dataset dataset) {
        INDArray features = downloadAndLoad(pair.getFeatures(), split + "_x.npy");
        INDArray labels = null;
        try {
            labels = downloadAndLoad(pair.getLabels(), split + "_y.npy");
            requireShape(split + " features", pair.getFeatures(), features, pair.getCount(),
                    dataset.shape().pixelsPerImage(), dataset);
            requireShape(split + " labels", pair.getLabels(), labels, pair.getCount(), dataset.classCount(), dataset);
            return new LabeledTensors(features, labels);
        } catch (RuntimeException e) {
            features.close();
            if (labels != null) {
                labels.close();
            }
            throw e;
        }
    }

    /** Loads one tensor and deletes its file, so the folder contains at most one tensor file at a time. */
    private INDArray downloadAndLoad(ObjectRef ref, String fileName) {
        Path file = download(ref, fileName);
        INDArray array = Tensors.loadNpy(file);
        try {
            Files.delete(file);
        } catch (IOException e) {
            LOG.warnf(e, "job=%s could not delete %s after loading it", jobId, file);
        }
        return array;
    }

    private Path download(ObjectRef ref, String fileName) {
        String location = "s3://" + ref.getBucket() + "/" + ref.getKey();
        if (!ref.getBucket().isEmpty() && !ref.getBucket().equals(store.bucket())) {
            throw new IllegalStateException("Tensor " + location + " is in another bucket than the trainer's "
                    + store.bucket() + ": set trainbus.storage.bucket to the preprocessing service's bucket");
        }
        if (!store.exists(ref.getKey())) {
            throw new IllegalStateException("Tensor " + location + " not found: run the preprocessing of job "
                    + jobId + " again");
        }
        Path target = folder.resolve(fileName);
        store.getFile(ref.getKey(), target);
        return target;
    }

    private static void requireShape(String description, ObjectRef ref, INDArray array, int rows, int columns,
            DatasetCatalog.Dataset dataset) {
        if (array.size(0) != rows || array.size(1) != columns) {
            throw new IllegalStateException("The " + description + " in " + ref.getKey() + " have shape ["
                    + array.size(0) + ", " + array.size(1) + "] but the message and dataset " + dataset.name() + " ("
                    + dataset.shape() + " images, " + dataset.classCount() + " classes) expect [" + rows + ", "
                    + columns + "]: the prepared data is inconsistent, prepare it again");
        }
    }

    @Override
    public void close() {
        try {
            FolderTrees.delete(folder);
        } catch (IOException e) {
            LOG.warnf(e, "job=%s could not delete its temporary folder %s", jobId, folder);
        }
    }
}
