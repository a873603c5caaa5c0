package io.trainbus.preprocessing.prepare;

import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageShape;

/**
 * Content of {@code manifest.json} under a prepared prefix, written after the six tensors. Jackson serialises it,
 * with the component names as JSON keys.
 *
 * @param datasetId the raw dataset's id
 * @param preparedId the preparation's id
 * @param normalisation how pixels were normalized: {@value Normalization#SCALE_NAME} or
 *        {@value Normalization#ZSCORE_NAME}
 * @param pixelOffset subtracted from each pixel byte (the training mean for z-scoring, else 0); 0 in manifests
 *        written before z-scoring existed
 * @param pixelDivisor the difference was divided by this (the training standard deviation plus 1e-7 for
 *        z-scoring, else 255); 0 in manifests written before z-scoring existed
 * @param shape the size of every image. A features row has {@code shape.pixelsPerImage()} values in its
 *        channel-planar order. Manifests written before the shape was recorded are all CIFAR-10 preparations, so
 *        a missing shape reads as 32x32x3.
 * @param classNames class names in label order
 * @param splits train, validation and test, in that order
 */
public record PreparedManifest(String datasetId, String preparedId, String normalisation, double pixelOffset,
        double pixelDivisor, ImageShape shape, List<String> classNames, List<Split> splits) {

    public PreparedManifest {
        if (shape == null) {
            shape = CifarFormat.SHAPE;
        }
    }

    /**
     * One split.
     *
     * @param name train, validation or test
     * @param count number of records
     * @param perClass records per label, index = label
     * @param features the features tensor, shape [count, height x width x channels]
     * @param labels the one-hot labels tensor, shape [count, classes]
     */
    public record Split(String name, int count, List<Long> perClass, Tensor features, Tensor labels) {
    }

    /**
     * One stored tensor.
     *
     * @param key object key
     * @param shape dimensions
     * @param sizeBytes size of the .npy object
     * @param sha256 lower-case hex SHA-256 of the object
     */
    public record Tensor(String key, List<Long> shape, long sizeBytes, String sha256) {
    }

    /**
     * Looks a split up by name.
     *
     * @param name train, validation or test
     * @return the split
     * @throws IllegalArgumentException when the manifest has no such split
     */
    public Split split(String name) {
        return splits.stream().filter(split -> split.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("The prepared manifest " + preparedId
                        + " has no split " + name + "; delete it so that the preparation runs again."));
    }
}
