package io.trainbus.common.augment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;

import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import org.jboss.logging.Logger;

/**
 * Fetches the augmented training features of one epoch, which the preprocessing service writes ahead of the
 * trainer. The features have the rows of the prepared training split in the same order, so the split's labels
 * still apply. The reader polls the epoch's manifest with exponential backoff, because the producer writes it
 * after the features, and checks the downloaded file against the manifest's size, SHA-256 and shape.
 */
public final class AugmentedEpochReader {

    /** The trainer setting that bounds the wait for one epoch. Timeout errors name it. */
    public static final String TIMEOUT_SETTING = "trainbus.trainer.augmentation-timeout";

    private static final Logger LOG = Logger.getLogger(AugmentedEpochReader.class);
    private static final Duration FIRST_POLL = Duration.ofMillis(100);
    private static final Duration MAX_POLL = Duration.ofSeconds(5);

    private final ObjectStore store;
    private final Duration firstPoll;
    private final Duration maxPoll;

    /**
     * Creates a reader that polls first after 100 ms and then at most every 5 s.
     *
     * @param store the object store the preprocessing service writes to
     */
    public AugmentedEpochReader(ObjectStore store) {
        this(store, FIRST_POLL, MAX_POLL);
    }

    /**
     * Creates a reader with its own polling intervals.
     *
     * @param store the object store the preprocessing service writes to
     * @param firstPoll wait after the first missing manifest; doubled after each further miss
     * @param maxPoll upper bound of the wait between two polls
     */
    public AugmentedEpochReader(ObjectStore store, Duration firstPoll, Duration maxPoll) {
        this.store = store;
        this.firstPoll = firstPoll;
        this.maxPoll = maxPoll;
    }

    /**
     * Waits until an epoch's augmented features are stored, then downloads and verifies them.
     *
     * @param jobId the job
     * @param epoch 1-based epoch
     * @param workDir existing folder that receives {@code augmented-epoch-NNNNN-train_x.npy}
     * @param timeout how long to wait for the manifest
     * @return the local float32 .npy file of shape [rows, columns] as the epoch's manifest lists them (columns =
     *         height x width x channels of the dataset's images). The caller deletes it when done.
     * @throws TimeoutException when no manifest appears within {@code timeout}
     * @throws IOException when the download does not match the manifest or cannot be written
     * @throws InterruptedException when the waiting thread is interrupted, for example by a cancellation
     */
    public Path awaitFeatures(String jobId, int epoch, Path workDir, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        AugmentedEpochManifest manifest = awaitManifest(jobId, epoch, timeout);
        Path target = workDir.resolve(String.format("augmented-epoch-%05d-train_x.npy", epoch));
        Path partial = workDir.resolve(target.getFileName() + ".part");
        store.getFile(manifest.featuresKey(), partial);
        try {
            verify(manifest, partial);
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /**
     * Waits until an epoch's manifest is stored and reads it.
     *
     * @param jobId the job
     * @param epoch 1-based epoch
     * @param timeout how long to wait
     * @return the manifest
     * @throws TimeoutException when no manifest appears within {@code timeout}
     * @throws IOException when the manifest is not valid JSON
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public AugmentedEpochManifest awaitManifest(String jobId, int epoch, Duration timeout)
            throws IOException, InterruptedException, TimeoutException {
        String key = ObjectKeys.augmentedManifest(jobId, epoch);
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = firstPoll;
        while (!store.exists(key)) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                throw new TimeoutException("Augmented features of job " + jobId + " epoch " + epoch
                        + " were not stored within " + timeout + " (no " + key + "). Check that the preprocessing "
                        + "service runs and logs progress for this job, or raise " + TIMEOUT_SETTING + ".");
            }
            Thread.sleep(Math.min(pause.toMillis(), Math.max(1, remaining / 1_000_000)));
            pause = pause.multipliedBy(2).compareTo(maxPoll) > 0 ? maxPoll : pause.multipliedBy(2);
        }
        AugmentedEpochManifest manifest = Json.MAPPER.readValue(store.getBytes(key), AugmentedEpochManifest.class);
        if (!jobId.equals(manifest.jobId()) || manifest.epoch() != epoch) {
            throw new IOException("The manifest " + key + " describes job " + manifest.jobId() + " epoch "
                    + manifest.epoch() + ", not job " + jobId + " epoch " + epoch + ". Delete it so that the "
                    + "preprocessing service writes it again.");
        }
        LOG.debugf("job=%s augmented epoch %d is stored: %d rows at %s", jobId, epoch, manifest.rows(),
                manifest.featuresKey());
        return manifest;
    }

    private static void verify(AugmentedEpochManifest manifest, Path file) throws IOException {
        long size = Files.size(file);
        if (size != manifest.sizeBytes()) {
            throw new IOException(corrupt(manifest, "has " + size + " bytes, the manifest lists "
                    + manifest.sizeBytes()));
        }
        String sha256 = Digests.sha256Hex(file);
        if (!sha256.equals(manifest.sha256())) {
            throw new IOException(corrupt(manifest, "has SHA-256 " + sha256 + ", the manifest lists "
                    + manifest.sha256()));
        }
        long[] shape;
        try (InputStream in = Files.newInputStream(file)) {
            shape = NpyFormat.readFloat32Header(in);
        }
        if (!Arrays.equals(shape, new long[] {manifest.rows(), manifest.columns()})) {
            throw new IOException(corrupt(manifest, "has shape " + Arrays.toString(shape) + ", the manifest lists ["
                    + manifest.rows() + ", " + manifest.columns() + "]"));
        }
    }

    private static String corrupt(AugmentedEpochManifest manifest, String finding) {
        return "The augmented features " + manifest.featuresKey() + " of job " + manifest.jobId() + " epoch "
                + manifest.epoch() + " " + finding + ". Delete " + ObjectKeys.augmentedEpochPrefix(manifest.jobId(),
                        manifest.epoch()) + " so that the preprocessing service writes the epoch again.";
    }
}
