package io.trainbus.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.models.Checkpoints;
import io.trainbus.models.EpochResult;
import io.trainbus.models.ReferenceModels;
import io.trainbus.models.TrainingLoop;
import io.trainbus.models.TrainingSummary;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jboss.logging.Logger;

/**
 * Trains one job from its prepared tensors: downloads them, trains the requested model, uploads the best checkpoint
 * whenever the validation loss improves, and at the end the last checkpoint and the history. Single use: create one
 * per job.
 */
public final class TrainingJob {

    private static final Logger LOG = Logger.getLogger(TrainingJob.class);
    private static final String ZIP = "application/zip";

    private final ObjectStore store;
    private final Path workRoot;
    private final EpochObserver observer;
    private DatasetPrepared prepared;
    private ObjectRef bestCheckpoint;

    /**
     * @param store object store with the tensors; checkpoints and the history go to the same bucket
     * @param workRoot folder for the job's temporary folder
     * @param observer receives every epoch, for example to publish it and update metrics
     */
    public TrainingJob(ObjectStore store, Path workRoot, EpochObserver observer) {
        this.store = store;
        this.workRoot = workRoot;
        this.observer = observer;
    }

    /**
     * Runs the job; its temporary files are deleted when this returns or throws.
     *
     * @param prepared the event naming the job's tensors, with its request
     * @return the event announcing the finished training, not yet published
     * @throws IOException when a checkpoint cannot be written
     * @throws IllegalArgumentException when the request or the tensors are invalid
     * @throws IllegalStateException when a tensor is missing or does not match the event
     */
    public TrainingCompleted run(DatasetPrepared prepared) throws IOException {
        if (this.prepared != null) {
            throw new IllegalStateException("This TrainingJob already ran job " + this.prepared.getRequest().getJobId()
                    + ": create one TrainingJob per job");
        }
        this.prepared = prepared;
        TrainingRequest request = prepared.getRequest();
        String jobId = request.getJobId();
        LOG.infof("job=%s model=%s training started: dataset %s, preparation %s, %d training and %d validation"
                + " images, %d epochs of batch %d", jobId, request.getModel(), prepared.getDatasetId(),
                prepared.getPreparedId(), prepared.getTrain().getCount(), prepared.getValidation().getCount(),
                request.getEpochs(), request.getBatchSize());

        try (JobWorkspace workspace = JobWorkspace.create(store, jobId, workRoot);
                LabeledTensors train = workspace.load("train", prepared.getTrain());
                LabeledTensors validation = workspace.load("validation", prepared.getValidation())) {
            MultiLayerNetwork network = ReferenceModels.build(request);
            try {
                return train(network, workspace, train, validation);
            } finally {
                // Frees the parameters and updater state off-heap now instead of at some later garbage collection.
                network.close();
            }
        }
    }

    private TrainingCompleted train(MultiLayerNetwork network, JobWorkspace workspace, LabeledTensors train,
            LabeledTensors validation) throws IOException {
        TrainingRequest request = prepared.getRequest();
        String jobId = request.getJobId();
        long images = train.features().size(0);
        TrainingSummary summary = new TrainingLoop(network, request.getBatchSize(), request.getSeed())
                .run(train.features(), train.labels(), validation.features(), validation.labels(),
                        request.getEpochs(), result -> finishEpoch(request, network, workspace, result, images));

        if (bestCheckpoint == null) {
            throw new IllegalStateException("The validation loss of job " + jobId + " was NaN in all "
                    + summary.epochsRun() + " epochs, so there is no best checkpoint: training diverged, lower"
                    + " the learning rate");
        }
        ObjectRef last = uploadCheckpoint(network, summary.epochsRun(), workspace.file("last.zip"),
                ObjectKeys.lastCheckpoint(jobId));
        byte[] history = Json.MAPPER.writeValueAsBytes(TrainingMessages.history(summary.history()));
        ObjectRef historyRef = store.putBytes(ObjectKeys.history(jobId), history, "application/json");
        LOG.infof("job=%s model=%s training finished: %d epochs in %.1f s, best epoch %d val_loss=%.4f, %.0f img/s",
                jobId, request.getModel(), summary.epochsRun(), summary.trainingSeconds(), summary.bestEpoch(),
                summary.bestValLoss(), summary.imagesPerSecond());
        return TrainingMessages.trainingCompleted(prepared, summary, network.numParams(), bestCheckpoint, last,
                historyRef);
    }

    private void finishEpoch(TrainingRequest request, MultiLayerNetwork network, JobWorkspace workspace,
            EpochResult result, long images) throws IOException {
        if (result.bestReplaced()) {
            bestCheckpoint = uploadCheckpoint(network, result.epoch(), workspace.file("best.zip"),
                    ObjectKeys.bestCheckpoint(request.getJobId()));
        }
        LOG.infof("job=%s model=%s epoch %d/%d loss=%.4f acc=%.4f val_loss=%.4f val_acc=%.4f lr=%s %.0f img/s %.1fs"
                + " best=%s", request.getJobId(), request.getModel(), result.epoch(), result.epochs(), result.loss(),
                result.accuracy(), result.valLoss(), result.valAccuracy(), result.learningRate(),
                result.imagesPerSecond(), result.seconds(), result.bestReplaced() ? "yes" : "no");
        EpochCompleted event = TrainingMessages.epochCompleted(request, result);
        observer.epochCompleted(request, result, event, images);
    }

    private ObjectRef uploadCheckpoint(MultiLayerNetwork network, int epoch, Path file, String key)
            throws IOException {
        Checkpoints.write(network, file, CheckpointProvenance.of(prepared, epoch));
        ObjectRef uploaded = store.putFile(key, file, ZIP);
        ObjectRef withDigest = store.ref(key, uploaded.getSizeBytes(), Digests.sha256Hex(file));
        Files.delete(file);
        return withDigest;
    }
}
