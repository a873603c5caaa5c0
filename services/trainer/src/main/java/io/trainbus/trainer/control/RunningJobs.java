package io.trainbus.trainer.control;

import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * The job this trainer process is training, at most one at a time, with the partition of its record. Stop requests
 * from cancel messages and partition revocations go through here.
 */
@ApplicationScoped
public class RunningJobs {

    private static final Logger LOG = Logger.getLogger(RunningJobs.class);

    private final AtomicReference<Running> current = new AtomicReference<>();

    /**
     * Registers a job that starts training.
     *
     * @param jobId the job
     * @param partition the partition of the job's record, or null when the job did not come from Kafka
     * @return the control to pass to the job; call {@link #finish} when the job returns
     */
    public Running start(String jobId, TopicPartition partition) {
        Running running = new Running(jobId, partition);
        Running previous = current.getAndSet(running);
        if (previous != null) {
            LOG.warnf("job=%s started while job %s was still registered as running", jobId, previous.jobId);
        }
        return running;
    }

    /** Marks a job as no longer running and releases anyone waiting for it to stop. */
    public void finish(Running running) {
        current.compareAndSet(running, null);
        running.stopped.countDown();
    }

    /** Returns the id of the job training now, if any. */
    public Optional<String> runningJobId() {
        return Optional.ofNullable(current.get()).map(running -> running.jobId);
    }

    /**
     * Asks a job to stop before its next batch, if it runs in this process.
     *
     * @return true when the job was running here
     */
    public boolean requestStop(String jobId, StopReason reason) {
        Running running = current.get();
        if (running == null || !running.jobId.equals(jobId)) {
            return false;
        }
        running.reason.compareAndSet(null, reason);
        return true;
    }

    /**
     * Stops the running job when its partition is among the revoked ones, and waits until it has stopped, so that
     * the partition's next owner never trains the same job at the same time.
     *
     * @param revoked partitions this consumer loses
     * @param timeout longest wait for the job to stop
     * @return true when no job of those partitions runs any more
     */
    public boolean stopForRevokedPartitions(Collection<TopicPartition> revoked, Duration timeout) {
        Running running = current.get();
        if (running == null || running.partition == null || !revoked.contains(running.partition)) {
            return true;
        }
        running.reason.compareAndSet(null, StopReason.PARTITION_REVOKED);
        LOG.infof("job=%s partition %s revoked: stopping the job before its next batch", running.jobId,
                running.partition);
        try {
            boolean stopped = running.stopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!stopped) {
                LOG.errorf("job=%s did not stop within %s after its partition was revoked: it may train on two"
                        + " instances until its next epoch end, where the ownership check stops it", running.jobId,
                        timeout);
            }
            return stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One running job: its stop reason, set at most once, and a latch released when it has returned. */
    public static final class Running implements JobControl {

        private final String jobId;
        private final TopicPartition partition;
        private final AtomicReference<StopReason> reason = new AtomicReference<>();
        private final CountDownLatch stopped = new CountDownLatch(1);

        private Running(String jobId, TopicPartition partition) {
            this.jobId = jobId;
            this.partition = partition;
        }

        @Override
        public Optional<StopReason> stopReason() {
            return Optional.ofNullable(reason.get());
        }
    }
}
