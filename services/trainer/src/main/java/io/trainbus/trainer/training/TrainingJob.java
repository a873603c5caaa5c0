package io.trainbus.trainer.training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.trainbus.common.messaging.Json;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.models.Checkpoints;
import io.trainbus.models.EarlyStopping;
import io.trainbus.models.EpochFeatures;
import io.trainbus.models.EpochResult;
import io.trainbus.models.ReferenceModels;
import io.trainbus.models.TrainingLoop;
import io.trainbus.models.TrainingState;
import io.trainbus.models.TrainingStoppedException;
import io.trainbus.models.TrainingSummary;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EarlyStoppingSpec;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import io.trainbus.trainer.backend.NativeThreads;
import io.trainbus.trainer.control.JobControl;
import io.trainbus.trainer.control.JobMarkers;
import io.trainbus.trainer.control.StopReason;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jboss.logging.Logger;

/**
 * Trains one job from its prepared tensors: downloads them, builds the requested model or resumes it from the job's
 * last checkpoint, and after every epoch uploads the last checkpoint (parameters, updater state, counters and the
 * {@link SavedRun} state) and, when the validation loss improved, the best checkpoint. At the end it uploads the
 * history. Single use: create one per job.
 *
 * <p>A job whose last checkpoint exists for the same request and prepared data continues after that checkpoint's
 * epoch, so a job whose trainer died goes on where it was saved when Kafka delivers its record again.
 */
public final class TrainingJob {

    private static final Logger LOG = Logger.getLogger(TrainingJob.class);
    private static final String ZIP = "application/zip";

    private final ObjectStore store;
    private final Path workRoot;
    private final EpochObserver observer;
    private final JobControl control;
    private final JobMarkers markers;
    private final String runId = UUID.randomUUID().toString();
    private EpochFeatureSource epochFeatures;
    private DatasetPrepared prepared;
    private ObjectRef bestCheckpoint;
    private ObjectRef lastCheckpoint;

    /**
     * @param store object store with the tensors; checkpoints and the history go to the same bucket
     * @param workRoot folder for the job's temporary folder
     * @param observer receives every epoch, for example to publish it and update metrics
     * @param control the job's stop requests, checked before every batch
     */
    public TrainingJob(ObjectStore store, Path workRoot, EpochObserver observer, JobControl control) {
        this.store = store;
        this.workRoot = workRoot;
        this.observer = observer;
        this.control = control;
        this.markers = new JobMarkers(store);
    }

    /** Trains on the images this source supplies per epoch, for example augmented ones, in place of the split's. */
    public TrainingJob withEpochFeatures(EpochFeatureSource source) {
        this.epochFeatures = source;
        return this;
    }

    /**
     * Runs the job; its temporary files are deleted when this returns or throws.
     *
     * @param prepared the event naming the job's tensors, with its request
     * @return the event announcing the finished training, not yet published
     * @throws IOException when a checkpoint cannot be written
     * @throws JobStoppedException when the job was cancelled, its partition revoked or another run took it over
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
        if (markers.cancellation(jobId).isPresent()) {
            throw new JobStoppedException(jobId, StopReason.CANCELLED, 0);
        }
        DatasetCatalog.Dataset dataset = ReferenceModels.dataset(request);
        markers.claim(jobId, runId);
        LOG.infof("job=%s model=%s training started: dataset %s %s (%s images, %d classes), preparation %s, %d"
                + " training and %d validation images, up to %d epochs of batch %d", jobId, request.getModel(),
                dataset.name(), prepared.getDatasetId(), dataset.shape(), dataset.classCount(),
                prepared.getPreparedId(), prepared.getTrain().getCount(), prepared.getValidation().getCount(),
                request.getEpochs(), request.getBatchSize());

        try (JobWorkspace workspace = JobWorkspace.create(store, jobId, workRoot)) {
            TrainingState start = TrainingState.initial();
            MultiLayerNetwork network = null;
            SavedRun saved = savedRun(workspace);
            if (saved != null) {
                network = Checkpoints.read(workspace.file("resume.zip"));
                start = saved.state();
                bestCheckpoint = saved.best(store.bucket());
                LOG.infof("job=%s resuming after epoch %d from %s", jobId, start.epochsDone(),
                        ObjectKeys.lastCheckpoint(jobId));
            }
            Files.deleteIfExists(workspace.file("resume.zip"));
            try (LabeledTensors train = workspace.load("train", prepared.getTrain(), dataset);
                    LabeledTensors validation = workspace.load("validation", prepared.getValidation(), dataset)) {
                if (network == null) {
                    network = ReferenceModels.build(request, dataset.shape(), dataset.classCount());
                }
                return train(network, start, workspace, train, validation);
            } finally {
                if (network != null) {
                    // Frees the parameters and updater state off-heap now instead of at a later garbage collection.
                    network.close();
                }
            }
        }
    }

    /** Downloads the job's last checkpoint and returns its state when it belongs to this request and data. */
    private SavedRun savedRun(JobWorkspace workspace) throws IOException {
        String jobId = prepared.getRequest().getJobId();
        String key = ObjectKeys.lastCheckpoint(jobId);
        if (!store.exists(key)) {
            return null;
        }
        Path file = workspace.file("resume.zip");
        store.getFile(key, file);
        String json = Checkpoints.readEntry(file, SavedRun.ENTRY).orElse(null);
        SavedRun saved = json == null ? null : SavedRun.parse(json);
        if (saved == null || !saved.matches(prepared)) {
            LOG.warnf("job=%s the stored last checkpoint %s belongs to another request or preparation of this job"
                    + " id: training starts from epoch 1 and replaces it", jobId, key);
            return null;
        }
        lastCheckpoint = store.ref(key, Files.size(file), Digests.sha256Hex(file));
        return saved;
    }

    private TrainingCompleted train(MultiLayerNetwork network, TrainingState start, JobWorkspace workspace,
            LabeledTensors train, LabeledTensors validation) throws IOException {
        TrainingRequest request = prepared.getRequest();
        String jobId = request.getJobId();
        long images = train.features().size(0);
        TrainingLoop loop = new TrainingLoop(network, request.getBatchSize(), request.getSeed())
                .resumeFrom(start)
                .withStopRequest(() -> control.stopReason().isPresent())
                .withNativeThreads(NativeThreads.forModel(request.getModel()));
        EarlyStoppingSpec earlyStopping = request.getEarlyStopping();
        if (earlyStopping.getEnabled()) {
            loop.withEarlyStopping(new EarlyStopping(earlyStopping.getMinDelta(), earlyStopping.getPatience()));
        }
        if (epochFeatures != null) {
            EpochFeatures features = epoch -> epochFeatures.features(prepared, epoch, workspace.file(""));
            loop.withEpochFeatures(features);
        }
        TrainingSummary summary;
        try {
            summary = loop.run(train.features(), train.labels(), validation.features(), validation.labels(),
                    request.getEpochs(), result -> finishEpoch(loop, network, workspace, result, images));
        } catch (TrainingStoppedException e) {
            StopReason reason = control.stopReason().orElse(StopReason.CANCELLED);
            LOG.infof("job=%s stopped during epoch %d (%s); its checkpoints after epoch %d are kept", jobId,
                    e.epoch(), reason, loop.state().epochsDone());
            throw new JobStoppedException(jobId, reason, loop.state().epochsDone());
        }

        if (bestCheckpoint == null) {
            throw new IllegalStateException("The validation loss of job " + jobId + " was NaN in all "
                    + summary.epochsRun() + " epochs, so there is no best checkpoint: training diverged, lower"
                    + " the learning rate");
        }
        byte[] history = Json.MAPPER.writeValueAsBytes(TrainingMessages.history(summary.history()));
        ObjectRef historyRef = store.putBytes(ObjectKeys.history(jobId), history, "application/json");
        LOG.infof("job=%s model=%s training finished: %d epochs%s in %.1f s, best epoch %d val_loss=%.4f, %.0f img/s",
                jobId, request.getModel(), summary.epochsRun(), summary.stoppedEarly() ? " (stopped early)" : "",
                summary.trainingSeconds(), summary.bestEpoch(), summary.bestValLoss(), summary.imagesPerSecond());
        return TrainingMessages.trainingCompleted(prepared, summary, network.numParams(), bestCheckpoint,
                lastCheckpoint, historyRef);
    }

    private void finishEpoch(TrainingLoop loop, MultiLayerNetwork network, JobWorkspace workspace,
            EpochResult result, long images) throws IOException {
        TrainingRequest request = prepared.getRequest();
        String jobId = request.getJobId();
        if (!markers.owns(jobId, runId)) {
            LOG.warnf("job=%s another trainer run took this job over: stopping after epoch %d without saving it",
                    jobId, result.epoch());
            throw new JobStoppedException(jobId, StopReason.SUPERSEDED, result.epoch() - 1);
        }
        if (result.bestReplaced()) {
            bestCheckpoint = uploadCheckpoint(network, workspace.file("best.zip"), ObjectKeys.bestCheckpoint(jobId),
                    entries(result.epoch(), null));
        }
        lastCheckpoint = uploadCheckpoint(network, workspace.file("last.zip"), ObjectKeys.lastCheckpoint(jobId),
                entries(result.epoch(), SavedRun.of(prepared, loop.state(), bestCheckpoint)));
        LOG.infof("job=%s model=%s epoch %d/%d loss=%.4f acc=%.4f val_loss=%.4f val_acc=%.4f lr=%s %.0f img/s %.1fs"
                + " best=%s", jobId, request.getModel(), result.epoch(), result.epochs(), result.loss(),
                result.accuracy(), result.valLoss(), result.valAccuracy(), result.learningRate(),
                result.imagesPerSecond(), result.seconds(), result.bestReplaced() ? "yes" : "no");
        EpochCompleted event = TrainingMessages.epochCompleted(request, result);
        observer.epochCompleted(request, result, event, images);
    }

    private Map<String, String> entries(int epoch, SavedRun saved) throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(Checkpoints.PROVENANCE_ENTRY, CheckpointProvenance.of(prepared, epoch));
        if (saved != null) {
            entries.put(SavedRun.ENTRY, saved.toJson());
        }
        return entries;
    }

    private ObjectRef uploadCheckpoint(MultiLayerNetwork network, Path file, String key, Map<String, String> entries)
            throws IOException {
        Checkpoints.write(network, file, entries);
        ObjectRef uploaded = store.putFile(key, file, ZIP);
        ObjectRef withDigest = store.ref(key, uploaded.getSizeBytes(), Digests.sha256Hex(file));
        Files.delete(file);
        return withDigest;
    }
}
