package io.trainbus.evaluator.messaging;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.smallrye.reactive.messaging.kafka.Record;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes the evaluator's events as binary Protobuf keyed by job id, and waits for the broker's acknowledgement
 * so that a failed send surfaces as an exception in the handler.
 */
@ApplicationScoped
public class EvaluatorEvents {

    /** Upper bound on waiting for the broker to acknowledge one event, in seconds. */
    private static final long ACK_TIMEOUT_SECONDS = 30;

    @Inject
    @Channel("evaluations")
    Emitter<Record<String, byte[]>> evaluations;

    @Inject
    @Channel("jobs-failed")
    Emitter<Record<String, byte[]>> failures;

    /** Publishes a finished evaluation to {@code trainbus.evaluations}. */
    public void evaluationCompleted(EvaluationCompleted event) {
        publish(evaluations, event.getJobId(), "EvaluationCompleted", event.toByteArray());
    }

    /** Publishes a failed job to {@code trainbus.jobs.failed}. */
    public void jobFailed(JobFailed event) {
        publish(failures, event.getJobId(), "JobFailed", event.toByteArray());
    }

    private static void publish(Emitter<Record<String, byte[]>> emitter, String jobId, String eventType,
            byte[] value) {
        try {
            emitter.send(Record.of(jobId, value)).toCompletableFuture().get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + eventType + " of job " + jobId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing " + eventType + " of job " + jobId + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Publishing " + eventType + " of job " + jobId + " timed out after "
                    + ACK_TIMEOUT_SECONDS + " s: check that Kafka at kafka.bootstrap.servers is reachable", e);
        }
    }
}
