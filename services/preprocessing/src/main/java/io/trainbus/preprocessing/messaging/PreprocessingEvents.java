package io.trainbus.preprocessing.messaging;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.google.protobuf.MessageLite;
import io.smallrye.reactive.messaging.kafka.Record;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.JobFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes preprocessing's events as binary Protobuf keyed by job id, waiting for the broker's acknowledgement
 * so that a failed send surfaces as an exception.
 */
@ApplicationScoped
public class PreprocessingEvents {

    /** Upper bound on waiting for the broker to acknowledge one event. */
    private static final long SEND_TIMEOUT_SECONDS = 30;

    @Inject
    @Channel("datasets-prepared")
    Emitter<Record<String, byte[]>> prepared;

    @Inject
    @Channel("jobs-failed")
    Emitter<Record<String, byte[]>> failed;

    /** Publishes prepared tensors to {@code trainbus.datasets.prepared}. */
    public void datasetPrepared(DatasetPrepared event) {
        send(prepared, event.getRequest().getJobId(), event);
    }

    /** Publishes a failed job to {@code trainbus.jobs.failed}. */
    public void jobFailed(JobFailed event) {
        send(failed, event.getJobId(), event);
    }

    private static void send(Emitter<Record<String, byte[]>> emitter, String jobId, MessageLite event) {
        String type = event.getClass().getSimpleName();
        try {
            emitter.send(Record.of(jobId, event.toByteArray())).toCompletableFuture()
                    .get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing " + type + " of job " + jobId, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Publishing " + type + " of job " + jobId + " failed: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Publishing " + type + " of job " + jobId + " timed out after "
                    + SEND_TIMEOUT_SECONDS + " s. Check that Kafka at kafka.bootstrap.servers is reachable.", e);
        }
    }
}
