package io.trainbus.trainer.augment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.trainbus.common.augment.AugmentedEpochReader;
import io.trainbus.models.Tensors;
import io.trainbus.models.TrainingStoppedException;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.trainer.control.JobControl;
import io.trainbus.trainer.training.EpochFeatureSource;
import org.jboss.logging.Logger;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Supplies the augmented training images that preprocessing stores per epoch. While epoch e trains, a background
 * thread already waits for and downloads epoch e + 1, so the trainer waits only when preprocessing is behind. At
 * most one epoch file is prefetched, which bounds the disk use to two epoch files (2 x 553 MB for CIFAR-10).
 * Waiting stops within a second when the job is asked to stop.
 */
public final class PrefetchingEpochSource implements EpochFeatureSource, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(PrefetchingEpochSource.class);

    private final AugmentedEpochReader reader;
    private final Duration timeout;
    private final JobControl control;
    private final ExecutorService prefetcher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "trainbus-augmented-prefetch");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<Integer, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();

    /**
     * @param reader reads the epochs preprocessing stored
     * @param timeout longest wait for one epoch's images
     * @param control the job's stop requests
     */
    public PrefetchingEpochSource(AugmentedEpochReader reader, Duration timeout, JobControl control) {
        this.reader = reader;
        this.timeout = timeout;
        this.control = control;
    }

    @Override
    public INDArray features(DatasetPrepared prepared, int epoch, Path workDir) throws IOException {
        CompletableFuture<Path> current = download(prepared, epoch, workDir);
        if (epoch < prepared.getRequest().getEpochs()) {
            download(prepared, epoch + 1, workDir);
        }
        Path file = await(current, prepared.getRequest().getJobId(), epoch);
        downloads.remove(epoch);
        try {
            return Tensors.loadNpy(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private CompletableFuture<Path> download(DatasetPrepared prepared, int epoch, Path workDir) {
        String jobId = prepared.getRequest().getJobId();
        return downloads.computeIfAbsent(epoch, e -> CompletableFuture.supplyAsync(() -> {
            try {
                return reader.awaitFeatures(jobId, e, workDir, timeout);
            } catch (IOException | TimeoutException ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Waiting for augmented epoch " + e + " of job " + jobId
                        + " was interrupted", ex);
            }
        }, prefetcher));
    }

    private Path await(CompletableFuture<Path> download, String jobId, int epoch) throws IOException {
        while (true) {
            if (control.stopReason().isPresent()) {
                throw new TrainingStoppedException(epoch);
            }
            try {
                return download.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.debugf("job=%s still waiting for augmented epoch %d", jobId, epoch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting for augmented epoch " + epoch + " of job " + jobId,
                        e);
            } catch (ExecutionException e) {
                throw new IOException("Augmented images of job " + jobId + " epoch " + epoch + " are not available: "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Stops the prefetch thread; a file it was still downloading is left in the job folder, which is deleted. */
    @Override
    public void close() {
        prefetcher.shutdownNow();
    }
}
