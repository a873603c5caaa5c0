package io.trainbus.evaluator.messaging;

import io.trainbus.common.messaging.EventPublisher;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes the evaluator's events as binary Protobuf keyed by job id through {@link EventPublisher}, which waits
 * for the broker's acknowledgement so that a failed send surfaces as an exception in the handler.
 */
@ApplicationScoped
public class EvaluatorEvents {

    @Inject
    EventPublisher publisher;

    @Inject
    @Channel("evaluations")
    Emitter<byte[]> evaluations;

    @Inject
    @Channel("jobs-failed")
    Emitter<byte[]> failures;

    /** Publishes a finished evaluation to {@code trainbus.evaluations}. */
    public void evaluationCompleted(EvaluationCompleted event) {
        publisher.publish(evaluations, event.getJobId(), "EvaluationCompleted", event.toByteArray());
    }

    /** Publishes a failed job to {@code trainbus.jobs.failed}. */
    public void jobFailed(JobFailed event) {
        publisher.publish(failures, event.getJobId(), "JobFailed", event.toByteArray());
    }
}
