package io.trainbus.trainer.messaging;

import io.trainbus.common.messaging.EventPublisher;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes the trainer's events as binary Protobuf keyed by job id through {@link EventPublisher}, which waits
 * for the broker's acknowledgement so that a job's events stay in order and a failed send surfaces as an
 * exception.
 */
@ApplicationScoped
public class TrainerEvents {

    @Inject
    EventPublisher publisher;

    @Inject
    @Channel("training-epochs")
    Emitter<byte[]> epochs;

    @Inject
    @Channel("training-completed")
    Emitter<byte[]> completed;

    @Inject
    @Channel("jobs-failed")
    Emitter<byte[]> failed;

    /** Publishes one epoch to {@code trainbus.training.epochs}. */
    public void epochCompleted(EpochCompleted event) {
        publisher.publish(epochs, event.getJobId(), "EpochCompleted", event.toByteArray());
    }

    /** Publishes the end of training to {@code trainbus.training.completed}. */
    public void trainingCompleted(TrainingCompleted event) {
        publisher.publish(completed, event.getRequest().getJobId(), "TrainingCompleted", event.toByteArray());
    }

    /** Publishes a failed job to {@code trainbus.jobs.failed}. */
    public void jobFailed(JobFailed event) {
        publisher.publish(failed, event.getJobId(), "JobFailed", event.toByteArray());
    }
}
