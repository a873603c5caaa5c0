package io.trainbus.preprocessing.augment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Polls a scheduler until a job's augmentation reaches a state, for the augmentation tests. */
public final class StatusWaits {

    private StatusWaits() {
    }

    /**
     * Waits until the job's status matches, failing with the last status seen when {@code wait} passes.
     *
     * @return the matching status
     */
    public static AugmentationStatus awaitStatus(AugmentationScheduler scheduler, String jobId, Duration wait,
            Predicate<AugmentationStatus> condition) throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        Optional<AugmentationStatus> status = scheduler.status(jobId);
        while (status.isEmpty() || !condition.test(status.get())) {
            assertThat(System.nanoTime()).as("augmentation of %s reached the expected state; last: %s", jobId, status)
                    .isLessThan(deadline);
            Thread.sleep(20);
            status = scheduler.status(jobId);
        }
        return status.get();
    }
}
