package io.trainbus.preprocessing.augment;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.preprocessing.storage.AugmentationStorage;
import org.jboss.logging.Logger;

/**
 * Runs one {@link EpochProducer} per job that trains on augmented images, and routes the trainer's progress and the
 * job's end to it. The state of each running job is in the object store, so a restarted service resumes every
 * augmentation that had not ended ({@link #recover()}). Free of Quarkus and Kafka so that tests drive it directly.
 */
public final class AugmentationScheduler implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(AugmentationScheduler.class);
    /** Upper bound on waiting for one producer thread at shutdown. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final AugmentationStorage storage;
    private final ExecutorService chunkExecutor;
    /** One augmenter per image shape, so that jobs of a dataset share its chunk buffers. */
    private final Map<ImageShape, EpochAugmenter> augmenters = new ConcurrentHashMap<>();
    private final AugmentationListener listener;
    private final int epochsAhead;
    private final Path workRoot;
    private final Map<String, EpochProducer> producers = new ConcurrentHashMap<>();
    private final Map<String, Thread> threads = new ConcurrentHashMap<>();

    /**
     * Creates a scheduler. Nothing runs before {@link #start} or {@link #recover} is called.
     *
     * @param storage the object-store side
     * @param chunkExecutor the threads that augment chunks of images, shared by all jobs
     * @param listener receives stored epochs and jobs whose augmentation gave up
     * @param epochsAhead how many epochs beyond the trainer's last finished one may be stored, at least 1
     * @param workRoot folder under which each job gets a temporary folder, about twice the size of its training
     *        features (550 MB each on the full CIFAR-10 dataset)
     */
    public AugmentationScheduler(AugmentationStorage storage, ExecutorService chunkExecutor,
            AugmentationListener listener, int epochsAhead, Path workRoot) {
        if (epochsAhead < 1) {
            throw new IllegalArgumentException("Invalid trainbus.preprocessing.augmentation.epochs-ahead "
                    + epochsAhead + ": it must be at least 1.");
        }
        this.storage = storage;
        this.chunkExecutor = chunkExecutor;
        this.listener = listener;
        this.epochsAhead = epochsAhead;
        this.workRoot = workRoot;
    }

    /**
     * Stores the state of a newly prepared job and starts producing its first epochs. Call it before publishing
     * the event, so that the trainer's first reports find the state. A job prepared again, for example when its
     * ingested record is delivered twice, keeps the progress already stored.
     *
     * @param prepared the event about to be published; its request enables augmentation
     * @throws IOException when the state cannot be read or stored
     */
    public void start(DatasetPrepared prepared) throws IOException {
        AugmentationState state = AugmentationState.of(prepared);
        Optional<AugmentationState> stored = storage.readState(state.jobId());
        if (stored.isPresent()) {
            LOG.infof("job=%s prepared again, augmentation continues after epoch %d", state.jobId(),
                    stored.get().lastCompletedEpoch());
            state = state.withLastCompletedEpoch(stored.get().lastCompletedEpoch());
        }
        storage.writeState(state);
        launch(state);
    }

    /** Resumes every augmentation whose state is stored, for example after a restart. */
    public void recover() {
        for (AugmentationState state : storage.activeStates()) {
            LOG.infof("job=%s resuming augmentation after epoch %d", state.jobId(), state.lastCompletedEpoch());
            launch(state);
        }
    }

    /**
     * Records that the trainer finished an epoch, which frees its slot in the buffer. Returns after the new state
     * is stored. Epochs of jobs without augmentation are ignored.
     *
     * @param jobId the job
     * @param epoch 1-based epoch
     * @throws IOException when the state cannot be read or stored
     */
    public void epochCompleted(String jobId, int epoch) throws IOException {
        EpochProducer producer = producers.get(jobId);
        if (producer == null) {
            Optional<AugmentationState> state = storage.readState(jobId);
            if (state.isEmpty()) {
                return;
            }
            producer = launch(state.get());
        }
        producer.epochCompleted(epoch);
    }

    /**
     * Stops a job's augmentation for good and deletes its state and stored epochs. Jobs without augmentation are
     * ignored.
     *
     * @param jobId the job that completed, stopped early, was cancelled or failed
     */
    public void jobEnded(String jobId) throws IOException {
        EpochProducer producer = producers.remove(jobId);
        threads.remove(jobId);
        boolean known = producer != null || storage.readState(jobId).isPresent();
        if (!known) {
            return;
        }
        storage.deleteState(jobId);
        if (producer == null || !producer.stop(true)) {
            storage.deleteEpochs(jobId);
            LOG.infof("job=%s ended, stored augmented epochs deleted", jobId);
        }
    }

    /** @return jobs whose producer this service runs */
    public int runningJobs() {
        return producers.size();
    }

    /** @return the augmentation of a job while this service runs it */
    public Optional<AugmentationStatus> status(String jobId) {
        return Optional.ofNullable(producers.get(jobId)).map(EpochProducer::status);
    }

    /**
     * Stops every producer without deleting anything, so that the next start resumes them, and waits up to
     * {@link #STOP_WAIT} for each producer thread to end.
     */
    @Override
    public void close() {
        producers.values().forEach(producer -> producer.stop(false));
        threads.values().forEach(Thread::interrupt);
        for (Thread thread : threads.values()) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        producers.clear();
        threads.clear();
    }

    private synchronized EpochProducer launch(AugmentationState state) {
        EpochProducer running = producers.get(state.jobId());
        if (running != null) {
            return running;
        }
        EpochAugmenter augmenter = augmenters.computeIfAbsent(state.shape(), shape -> new EpochAugmenter(
                new AffineAugmenter(shape.height(), shape.width(), shape.channels()), chunkExecutor));
        EpochProducer producer = new EpochProducer(state, storage.storedEpochs(state.jobId()), augmenter, storage,
                listener, epochsAhead, workRoot);
        Thread thread = new Thread(producer, "augment-" + state.jobId());
        thread.setDaemon(true);
        producers.put(state.jobId(), producer);
        threads.put(state.jobId(), thread);
        thread.start();
        return producer;
    }
}
