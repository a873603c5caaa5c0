package io.trainbus.evaluator.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.evaluator.experiment.ExperimentReports;
import io.trainbus.evaluator.experiment.ExperimentRow;
import io.trainbus.evaluator.pictures.JobPictures;
import io.trainbus.models.Checkpoints;
import io.trainbus.models.ReferenceModels;
import io.trainbus.models.Score;
import io.trainbus.models.Scoring;
import io.trainbus.models.Tensors;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.jboss.logging.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Scores the best checkpoint of a job on its test split in inference mode, stores the pictures, the report and the
 * job's row of its experiment's comparison, and builds the {@code EvaluationCompleted} event. Publishes nothing.
 */
public final class EvaluationJob {

    private static final Logger LOG = Logger.getLogger(EvaluationJob.class);

    private final ObjectStore store;
    private final Path workRoot;
    private final int batchSize;

    /**
     * @param store the object store with the checkpoint, the tensors and the report
     * @param workRoot folder for the job's temporary files
     * @param batchSize images per forward pass, at least 1
     */
    public EvaluationJob(ObjectStore store, Path workRoot, int batchSize) {
        this.store = store;
        this.workRoot = workRoot;
        this.batchSize = batchSize;
    }

    /**
     * Evaluates one job.
     *
     * @param completed the trainer's event
     * @return the event to publish and the figures
     * @throws EvaluationFailedException when an input is missing or does not match the event
     * @throws IOException when a checkpoint cannot be read or a temporary file cannot be written
     */
    public EvaluationResult run(TrainingCompleted completed) throws IOException {
        TrainingRequest request = completed.getRequest();
        DatasetPrepared prepared = completed.getPrepared();
        TensorPair test = prepared.getTest();
        if (test.getCount() <= 0) {
            throw new EvaluationFailedException("The prepared data of job " + request.getJobId()
                    + " has no test images (test count " + test.getCount() + "): prepare it with a test_limit of"
                    + " 0 (all) or above 0");
        }
        DatasetCatalog.Dataset dataset = dataset(request);
        LOG.infof("job=%s evaluation started: model=%s best_epoch=%d checkpoint=%s test_images=%d",
                request.getJobId(), request.getModel(), completed.getBestEpoch(),
                completed.getBestCheckpoint().getKey(), test.getCount());
        long started = System.nanoTime();

        Score score;
        try (EvaluationWorkspace workspace = EvaluationWorkspace.create(store, request.getJobId(), workRoot)) {
            Path checkpoint = workspace.download("best checkpoint", completed.getBestCheckpoint(), "best.zip");
            Path features = workspace.download("test features", test.getFeatures(), "test_x.npy");
            Path labels = workspace.download("test labels", test.getLabels(), "test_y.npy");
            score = score(checkpoint, features, labels, test, dataset);
        }

        List<String> classNames = classNames(prepared, score.confusion().length);
        List<ObjectRef> pictures = new JobPictures(store).render(completed, score.confusion(), classNames);
        String report = EvaluationReport.toJson(completed, score, classNames, pictures);
        ObjectRef reportRef = store.putBytes(ObjectKeys.report(request.getJobId()),
                report.getBytes(StandardCharsets.UTF_8), "application/json");
        // Requests always carry an experiment id, but a hand-made event may not; such a job has no comparison.
        ObjectRef experimentReport = request.getExperimentId().isEmpty() ? ObjectRef.getDefaultInstance()
                : new ExperimentReports(store).update(request.getExperimentId(),
                        comparisonRow(completed, score, classNames, reportRef));

        EvaluationCompleted event = EvaluationCompleted.newBuilder()
                .setJobId(request.getJobId())
                .setExperimentId(request.getExperimentId())
                .setModel(request.getModel())
                .setParameters(completed.getParameters())
                .setEpochsRun(completed.getEpochsRun())
                .setBestEpoch(completed.getBestEpoch())
                .setTestAccuracy(score.accuracy())
                .setTestLoss(score.loss())
                .setTestCount(score.count())
                .setTrainingSeconds(completed.getTrainingSeconds())
                .setImagesPerSecond(completed.getImagesPerSecond())
                .setReport(reportRef)
                .addAllPictures(pictures)
                .setExperimentReport(experimentReport)
                .build();
        LOG.infof("job=%s evaluation finished: test_accuracy=%.4f test_loss=%.4f test_images=%d in %.1f s, "
                + "report %s", request.getJobId(), score.accuracy(), score.loss(), score.count(),
                (System.nanoTime() - started) / 1e9, reportRef.getKey());
        return new EvaluationResult(event, score);
    }

    private static ExperimentRow comparisonRow(TrainingCompleted completed, Score score, List<String> classNames,
            ObjectRef report) {
        TrainingRequest request = completed.getRequest();
        Double macroF1 = ClassFigures.macroAverage(ClassFigures.of(score.confusion(), classNames), ClassFigures::f1);
        return new ExperimentRow(request.getJobId(), ExperimentRow.EVALUATED, request.getModel(),
                completed.getParameters(), completed.getEpochsRun(), completed.getBestEpoch(), score.accuracy(),
                score.loss(), score.count(), macroF1, completed.getTrainingSeconds(), completed.getImagesPerSecond(),
                completed.getHistory().getKey(), report.getKey(), null, null, System.currentTimeMillis());
    }

    private Score score(Path checkpoint, Path featuresFile, Path labelsFile, TensorPair test,
            DatasetCatalog.Dataset dataset) throws IOException {
        MultiLayerNetwork net = Checkpoints.read(checkpoint);
        try (INDArray features = Tensors.loadNpy(featuresFile); INDArray labels = Tensors.loadNpy(labelsFile)) {
            requireShape("test features", test.getFeatures(), features, test.getCount(),
                    dataset.shape().pixelsPerImage(), dataset);
            requireShape("test labels", test.getLabels(), labels, test.getCount(), dataset.classCount(), dataset);
            return Scoring.evaluate(net, features, labels, batchSize);
        } finally {
            net.close();
        }
    }

    /** Looks up the job's dataset, whose image shape and class count the test tensors must have. */
    private static DatasetCatalog.Dataset dataset(TrainingRequest request) {
        try {
            return ReferenceModels.dataset(request);
        } catch (IllegalArgumentException e) {
            throw new EvaluationFailedException("Job " + request.getJobId() + " cannot be evaluated: "
                    + e.getMessage());
        }
    }

    private static void requireShape(String description, ObjectRef ref, INDArray array, int rows, int columns,
            DatasetCatalog.Dataset dataset) {
        if (array.size(0) != rows || array.size(1) != columns) {
            throw new EvaluationFailedException("The " + description + " in " + ref.getKey() + " have shape ["
                    + array.size(0) + ", " + array.size(1) + "] but dataset " + dataset.name() + " ("
                    + dataset.shape() + " images, " + dataset.classCount() + " classes) and the event expect ["
                    + rows + ", " + columns + "]: the prepared data is inconsistent, prepare it again");
        }
    }

    /** Returns the class names of the prepared data, or the label indexes as text when the event has none. */
    private static List<String> classNames(DatasetPrepared prepared, int classes) {
        if (prepared.getClassNamesCount() == classes) {
            return prepared.getClassNamesList();
        }
        if (prepared.getClassNamesCount() != 0) {
            throw new EvaluationFailedException("The prepared data of job " + prepared.getRequest().getJobId()
                    + " names " + prepared.getClassNamesCount() + " classes but its labels have " + classes
                    + " columns: prepare it again");
        }
        List<String> indexes = new ArrayList<>();
        for (int i = 0; i < classes; i++) {
            indexes.add(String.valueOf(i));
        }
        return indexes;
    }
}
