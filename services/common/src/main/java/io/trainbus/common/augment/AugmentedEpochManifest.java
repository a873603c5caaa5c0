package io.trainbus.common.augment;

/**
 * Content of an augmented epoch's {@code manifest.json}, written after its features so that a reader that finds the
 * manifest also finds complete features. Jackson serialises it with the component names as JSON keys.
 *
 * @param jobId the job the epoch belongs to
 * @param epoch 1-based epoch
 * @param preparedId the preparation whose training split was augmented
 * @param seed the request's seed; with the epoch it fixes every random draw
 * @param featuresKey object key of the float32 .npy features
 * @param rows images, equal to the training split's count and in its order
 * @param columns values per image: height x width x channels of the dataset's images, for example 3072 for
 *        CIFAR-10 and 784 for Fashion-MNIST
 * @param sizeBytes size of the .npy object
 * @param sha256 lower-case hex SHA-256 of the .npy object
 */
public record AugmentedEpochManifest(String jobId, int epoch, String preparedId, long seed, String featuresKey,
        long rows, int columns, long sizeBytes, String sha256) {
}
