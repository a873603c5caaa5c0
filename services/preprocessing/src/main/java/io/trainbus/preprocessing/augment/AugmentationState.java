package io.trainbus.preprocessing.augment;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.proto.v1.AugmentationSpec;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.TrainingRequest;

/**
 * The state a running augmentation needs to continue after a restart, stored as JSON under
 * {@code augmentation/active/{jobId}.json} while the job trains. Jackson serialises it with the component names as
 * JSON keys.
 *
 * @param jobId the job
 * @param experimentId the job's experiment, for the {@code JobFailed} event
 * @param preparedId the preparation whose training split is augmented
 * @param featuresKey object key of the prepared training features
 * @param featuresSha256 their lower-case hex SHA-256
 * @param rows training images
 * @param shape the size of every image, from the request's dataset. States stored before the shape was recorded
 *        belong to CIFAR-10 jobs, so a missing shape reads as 32x32x3.
 * @param epochs the request's epochs; no epoch beyond is produced
 * @param seed the request's seed
 * @param rotationRange degrees
 * @param widthShiftRange fraction of the width
 * @param heightShiftRange fraction of the height
 * @param horizontalFlip whether half the images are mirrored
 * @param fillMode "nearest"
 * @param lastCompletedEpoch the highest 1-based epoch the trainer reported finished, 0 before the first
 */
public record AugmentationState(String jobId, String experimentId, String preparedId, String featuresKey,
        String featuresSha256, long rows, ImageShape shape, int epochs, long seed, double rotationRange,
        double widthShiftRange, double heightShiftRange, boolean horizontalFlip, String fillMode,
        int lastCompletedEpoch) {

    public AugmentationState {
        if (shape == null) {
            shape = CifarFormat.SHAPE;
        }
    }

    /**
     * Describes the augmentation of a prepared job before its first epoch.
     *
     * @param prepared the event about to be published
     * @return the state with no epoch completed
     * @throws IllegalArgumentException when the request names an unknown dataset
     */
    public static AugmentationState of(DatasetPrepared prepared) {
        // Defaults again, because events published by hand or by older services may lack them.
        TrainingRequest request = RequestDefaults.apply(prepared.getRequest());
        AugmentationSpec spec = request.getPreprocessing().getAugmentation();
        return new AugmentationState(request.getJobId(), request.getExperimentId(), prepared.getPreparedId(),
                prepared.getTrain().getFeatures().getKey(), prepared.getTrain().getFeatures().getSha256(),
                prepared.getTrain().getCount(), DatasetCatalog.require(request.getDataset().getName()).shape(),
                request.getEpochs(), request.getSeed(), spec.getRotationRange(),
                spec.getWidthShiftRange(), spec.getHeightShiftRange(), spec.getHorizontalFlip(), spec.getFillMode(),
                0);
    }

    /** @return the augmentation parameters as the request carried them */
    public AugmentationSpec spec() {
        return AugmentationSpec.newBuilder()
                .setEnabled(true)
                .setRotationRange(rotationRange)
                .setWidthShiftRange(widthShiftRange)
                .setHeightShiftRange(heightShiftRange)
                .setHorizontalFlip(horizontalFlip)
                .setFillMode(fillMode)
                .build();
    }

    /** @return this state with another last completed epoch */
    public AugmentationState withLastCompletedEpoch(int epoch) {
        return new AugmentationState(jobId, experimentId, preparedId, featuresKey, featuresSha256, rows, shape, epochs,
                seed, rotationRange, widthShiftRange, heightShiftRange, horizontalFlip, fillMode, epoch);
    }
}
