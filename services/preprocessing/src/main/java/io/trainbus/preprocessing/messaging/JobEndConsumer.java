package io.trainbus.preprocessing.messaging;

import java.io.IOException;

import io.smallrye.common.annotation.Blocking;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.preprocessing.augment.AugmentationScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the record keys of {@code trainbus.training.completed} and {@code trainbus.jobs.failed} (channel
 * {@code jobs-ended}, its own consumer group): either ends a job, whether it completed, stopped early, was
 * cancelled or failed, so its augmentation stops and its stored epochs are deleted. Only the key, the job id, is
 * read.
 */
@ApplicationScoped
public class JobEndConsumer {

    private static final Logger LOG = Logger.getLogger(JobEndConsumer.class);

    @Inject
    AugmentationScheduler scheduler;

    /** Stops the augmentation of the record's job, if it has one. */
    @Incoming("jobs-ended")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        String jobId = record.key();
        if (jobId == null || jobId.isEmpty()) {
            return;
        }
        try {
            scheduler.jobEnded(jobId);
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "job=%s stopping its augmentation after %s failed; delete %s by hand if it stays", jobId,
                    record.topic(), ObjectKeys.augmentationState(jobId));
        }
    }
}
