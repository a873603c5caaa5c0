package io.trainbus.preprocessing.augment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import io.trainbus.preprocessing.storage.AugmentationStorage;
import io.trainbus.preprocessing.storage.WorkFolder;
import org.jboss.logging.Logger;

/**
 * Produces one job's augmented epochs on its own thread, at most {@code epochsAhead} epochs beyond the last epoch
 * the trainer finished, and deletes the epochs the trainer has finished. It waits while that many epochs are
 * stored, so the store contains at most {@code epochsAhead} epochs of the job (plus one being deleted).
 */
final class EpochProducer implements Runnable {

    private static final Logger LOG = Logger.getLogger(EpochProducer.class);
    /** Attempts per epoch before the job fails, so store outages shorter than about 10 s do not fail it. */
    private static final int ATTEMPTS = 3;
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);

    private final EpochAugmenter augmenter;
    private final AugmentationStorage storage;
    private final AugmentationListener listener;
    private final int epochsAhead;
    private final Path workRoot;
    private final Object lock = new Object();
    private final TreeSet<Integer> stored;
    private AugmentationState state;
    private boolean stopped;
    private boolean jobEnded;
    private boolean waiting;
    private boolean finished;

    EpochProducer(AugmentationState state, TreeSet<Integer> stored, EpochAugmenter augmenter,
            AugmentationStorage storage, AugmentationListener listener, int epochsAhead, Path workRoot) {
        this.state = state;
        this.stored = stored;
        this.augmenter = augmenter;
        this.storage = storage;
        this.listener = listener;
        this.epochsAhead = epochsAhead;
        this.workRoot = workRoot;
    }

    /**
     * Records an epoch the trainer finished and stores the new state before returning, so that the caller can
     * acknowledge the event. Earlier or repeated epochs change nothing.
     */
    void epochCompleted(int epoch) throws IOException {
        AugmentationState updated;
        synchronized (lock) {
            if (epoch <= state.lastCompletedEpoch()) {
                return;
            }
            state = state.withLastCompletedEpoch(epoch);
            updated = state;
            lock.notifyAll();
        }
        storage.writeState(updated);
    }

    /**
     * Stops production.
     *
     * @param ended true when the job has ended, so its stored epochs are deleted; false on service shutdown, which
     *        keeps them for the next start
     * @return false when the producer had already finished, so it deletes nothing and the caller must
     */
    boolean stop(boolean ended) {
        synchronized (lock) {
            stopped = true;
            jobEnded = ended;
            lock.notifyAll();
            return !finished;
        }
    }

    AugmentationStatus status() {
        synchronized (lock) {
            return new AugmentationStatus(state.lastCompletedEpoch(), new TreeSet<>(stored), waiting);
        }
    }

    @Override
    public void run() {
        String jobId = state.jobId();
        LOG.infof("job=%s augmentation started: %d images, %d epochs, up to %d ahead, after epoch %d (stored %s)",
                jobId, state.rows(), state.epochs(), epochsAhead, state.lastCompletedEpoch(), stored);
        try (WorkFolder work = WorkFolder.create(workRoot, "augment", jobId)) {
            Path source = work.path().resolve("train_x.npy");
            storage.downloadFeatures(state, source);
            produceUntilStopped(source, work.path());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.infof("job=%s augmentation interrupted", jobId);
        } catch (IOException | RuntimeException e) {
            if (isStopped()) {
                LOG.infof("job=%s augmentation stopped during %s", jobId, e.toString());
            } else {
                LOG.errorf(e, "job=%s augmentation failed", jobId);
                listener.failed(state, "Augmentation of job " + jobId + " failed: " + e.getMessage());
            }
        } finally {
            cleanUp();
        }
    }

    private void produceUntilStopped(Path source, Path workDir) throws InterruptedException, IOException {
        while (true) {
            int next;
            List<Integer> finished;
            synchronized (lock) {
                while (!stopped && nextEpoch() == 0 && finishedEpochs().isEmpty()) {
                    waiting = true;
                    lock.wait();
                }
                waiting = false;
                if (stopped) {
                    return;
                }
                next = nextEpoch();
                finished = finishedEpochs();
                stored.removeAll(finished);
            }
            for (int epoch : finished) {
                storage.deleteEpoch(state.jobId(), epoch);
            }
            if (next > 0) {
                produceWithRetries(source, workDir, next);
                synchronized (lock) {
                    stored.add(next);
                }
            }
        }
    }

    /** @return the first epoch within the window that is not stored, or 0 when the window is full */
    private int nextEpoch() {
        int last = Math.min(state.lastCompletedEpoch() + epochsAhead, state.epochs());
        for (int epoch = state.lastCompletedEpoch() + 1; epoch <= last; epoch++) {
            if (!stored.contains(epoch)) {
                return epoch;
            }
        }
        return 0;
    }

    private List<Integer> finishedEpochs() {
        return new ArrayList<>(stored.headSet(state.lastCompletedEpoch(), true));
    }

    private void produceWithRetries(Path source, Path workDir, int epoch) throws InterruptedException, IOException {
        for (int attempt = 1; ; attempt++) {
            try {
                produce(source, workDir, epoch);
                return;
            } catch (IOException | RuntimeException e) {
                if (attempt >= ATTEMPTS || isStopped()) {
                    throw new IOException("epoch " + epoch + " failed " + ATTEMPTS + " times, last: " + e.getMessage()
                            + ". Check the object store and the work folder, then submit the job again", e);
                }
                LOG.warnf(e, "job=%s augmenting epoch %d failed (attempt %d of %d), retrying in %s", state.jobId(),
                        epoch, attempt, ATTEMPTS, RETRY_PAUSE);
                Thread.sleep(RETRY_PAUSE.toMillis());
            }
        }
    }

    private void produce(Path source, Path workDir, int epoch) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Path target = workDir.resolve(String.format("epoch-%05d.npy", epoch));
        try {
            TransformDraws draws = new TransformDraws(state.spec(), state.seed(), epoch, state.shape().height(),
                    state.shape().width());
            long rows = augmenter.augment(source, target, draws);
            double augmentSeconds = (System.nanoTime() - started) / 1e9;
            storage.storeEpoch(state, epoch, target, state.shape().pixelsPerImage());
            listener.epochStored(state, epoch, rows, Duration.ofNanos((long) (augmentSeconds * 1e9)));
            double seconds = (System.nanoTime() - started) / 1e9;
            LOG.infof("job=%s augmented epoch %d/%d: %d images in %.1f s (%.0f img/s), stored after %.1f s",
                    state.jobId(), epoch, state.epochs(), rows, augmentSeconds, rows / augmentSeconds, seconds);
        } finally {
            Files.deleteIfExists(target);
        }
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private void cleanUp() {
        boolean deleteStored;
        synchronized (lock) {
            finished = true;
            deleteStored = jobEnded;
        }
        try {
            if (deleteStored) {
                storage.deleteEpochs(state.jobId());
                LOG.infof("job=%s augmentation ended, stored epochs deleted", state.jobId());
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "job=%s stored augmented epochs could not be deleted; delete jobs/%s/augmented/ by hand",
                    state.jobId(), state.jobId());
        }
    }
}
