package io.trainbus.evaluator.pictures;

import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.storage.ObjectStore;
import io.trainbus.evaluator.storage.ReportKeys;
import io.trainbus.evaluator.storage.ReportKeys.JobPicture;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TrainingCompleted;
import org.jboss.logging.Logger;

/**
 * Draws and stores the pictures of one evaluated job. Each picture is independent: one whose input is missing or
 * unreadable is logged as a warning with the job id and left out, and the others are still written.
 */
public final class JobPictures {

    /** Training images in the grid: three rows of {@link TrainingImageGrid#COLUMNS}. */
    public static final int GRID_IMAGES = 36;
    private static final Logger LOG = Logger.getLogger(JobPictures.class);

    private final ObjectStore store;

    /**
     * @param store where the raw dataset and the history are, and where the pictures go
     */
    public JobPictures(ObjectStore store) {
        this.store = store;
    }

    /**
     * Draws and stores every picture of a job whose inputs are available.
     *
     * @param completed the trainer's event: the request, the prepared data, the history and the best epoch
     * @param confusion the test confusion matrix, [actual][predicted]
     * @param classNames class names in label order
     * @return the stored pictures, in {@link JobPicture} order
     */
    public List<ObjectRef> render(TrainingCompleted completed, int[][] confusion, List<String> classNames) {
        String jobId = completed.getRequest().getJobId();
        String jobTitle = completed.getRequest().getModel() + " (job " + jobId + ")";
        List<ObjectRef> stored = new ArrayList<>();
        for (JobPicture picture : JobPicture.values()) {
            try {
                byte[] png = switch (picture) {
                    case TRAINING_IMAGES -> trainingImages(completed, classNames);
                    case ACCURACY_CURVES -> curves(completed, TrainingCurvesChart.Curve.ACCURACY, jobTitle);
                    case LOSS_CURVES -> curves(completed, TrainingCurvesChart.Curve.LOSS, jobTitle);
                    case CONFUSION_MATRIX -> ConfusionMatrixChart.render("Test confusion matrix of " + jobTitle,
                            confusion, classNames);
                };
                stored.add(store.putBytes(ReportKeys.jobPicture(jobId, picture), png, Png.CONTENT_TYPE));
            } catch (Exception e) {
                LOG.warnf(e, "job=%s the %s picture was not written: %s", jobId, picture.pictureName(),
                        e.getMessage());
            }
        }
        return stored;
    }

    private byte[] trainingImages(TrainingCompleted completed, List<String> classNames) throws Exception {
        TrainingImageSample.Images sample = new TrainingImageSample(store).first(
                completed.getPrepared().getDatasetId(), completed.getRequest().getDataset(), GRID_IMAGES);
        return TrainingImageGrid.render(sample.shape(), sample.images(), classNames);
    }

    private byte[] curves(TrainingCompleted completed, TrainingCurvesChart.Curve curve, String jobTitle) {
        List<EpochFigures> epochs = history(store, completed);
        return TrainingCurvesChart.render(curve, jobTitle, epochs, completed.getBestEpoch());
    }

    /**
     * Reads a job's epoch figures from the history the trainer stored.
     *
     * @param store the store with the history
     * @param completed the trainer's event, naming the history
     * @return the epochs in order
     * @throws IllegalArgumentException when the event names no history or the document is malformed
     */
    public static List<EpochFigures> history(ObjectStore store, TrainingCompleted completed) {
        String key = completed.getHistory().getKey();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("The TrainingCompleted event of job "
                    + completed.getRequest().getJobId() + " names no history");
        }
        return EpochFigures.parseHistory(store.getBytes(key), key);
    }
}
