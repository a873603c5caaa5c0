package io.trainbus.evaluator.storage;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import io.trainbus.common.storage.ObjectKeys;

/**
 * Object keys of the evaluator's reports and pictures, next to the other outputs of a job:
 *
 * <pre>
 * jobs/{jobId}/report.json                              the job's evaluation report
 * jobs/{jobId}/pictures/{name}.png                      see {@link JobPicture}
 * experiments/{experimentId}/jobs/{jobId}.json          one comparison row per evaluated job
 * experiments/{experimentId}/report.json                every row, rewritten after each job
 * experiments/{experimentId}/pictures/{name}.png        see {@link ExperimentPicture}
 * </pre>
 *
 * Callers pass ids that match the request rules (letters, digits, '.', '-', '_'), so a key never leaves its
 * prefix.
 */
public final class ReportKeys {

    private static final String PNG = ".png";

    /** A kind of picture, named in keys and URLs. */
    public interface Picture {
        /** @return the name in keys and URLs, without {@code .png} */
        String pictureName();
    }

    /** The pictures of one job. */
    public enum JobPicture implements Picture {
        /** 36 training images with their class names, 12 per row. */
        TRAINING_IMAGES("training-images"),
        /** Training and validation accuracy by epoch, with the best epoch marked. */
        ACCURACY_CURVES("accuracy-curves"),
        /** Training and validation loss by epoch, with the best epoch marked. */
        LOSS_CURVES("loss-curves"),
        /** The test confusion matrix as a heat map. */
        CONFUSION_MATRIX("confusion-matrix");

        private final String pictureName;

        JobPicture(String pictureName) {
            this.pictureName = pictureName;
        }

        @Override
        public String pictureName() {
            return pictureName;
        }
    }

    /** The pictures of one experiment. */
    public enum ExperimentPicture implements Picture {
        /** Validation accuracy by epoch of every evaluated job, one line each. */
        VALIDATION_ACCURACY("validation-accuracy");

        private final String pictureName;

        ExperimentPicture(String pictureName) {
            this.pictureName = pictureName;
        }

        @Override
        public String pictureName() {
            return pictureName;
        }
    }

    private ReportKeys() {
    }

    /** @return key of a job's evaluation report */
    public static String jobReport(String jobId) {
        return ObjectKeys.report(jobId);
    }

    /** @return key of one picture of a job */
    public static String jobPicture(String jobId, JobPicture picture) {
        return ObjectKeys.jobPrefix(jobId) + "pictures/" + picture.pictureName() + PNG;
    }

    /** @return prefix of everything written for an experiment */
    public static String experimentPrefix(String experimentId) {
        return "experiments/" + experimentId + "/";
    }

    /** @return prefix of the comparison rows of an experiment's jobs */
    public static String experimentRows(String experimentId) {
        return experimentPrefix(experimentId) + "jobs/";
    }

    /** @return key of one job's comparison row */
    public static String experimentRow(String experimentId, String jobId) {
        return experimentRows(experimentId) + jobId + ".json";
    }

    /** @return key of an experiment's comparison report */
    public static String experimentReport(String experimentId) {
        return experimentPrefix(experimentId) + "report.json";
    }

    /** @return key of one picture of an experiment */
    public static String experimentPicture(String experimentId, ExperimentPicture picture) {
        return experimentPrefix(experimentId) + "pictures/" + picture.pictureName() + PNG;
    }

    /**
     * Looks a picture up by name.
     *
     * @param pictures every picture of one kind, for example {@code JobPicture.values()}
     * @param name a name as in URLs, with or without {@code .png}
     * @return the picture, or empty for an unknown name
     */
    public static <P extends Picture> Optional<P> picture(P[] pictures, String name) {
        return Arrays.stream(pictures)
                .filter(picture -> picture.pictureName().equals(name) || (picture.pictureName() + PNG).equals(name))
                .findFirst();
    }

    /** @return the names of the pictures, for messages and listings */
    public static List<String> pictureNames(Picture[] pictures) {
        return Arrays.stream(pictures).map(Picture::pictureName).toList();
    }
}
