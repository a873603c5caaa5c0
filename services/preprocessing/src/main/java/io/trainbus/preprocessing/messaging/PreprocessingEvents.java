package io.trainbus.preprocessing.messaging;

import io.trainbus.common.messaging.EventPublisher;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.JobFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Publishes preprocessing's events as binary Protobuf keyed by job id through {@link EventPublisher}, which waits
 * for the broker's acknowledgement so that a failed send surfaces as an exception.
 */
@ApplicationScoped
public class PreprocessingEvents {

    @Inject
    EventPublisher publisher;

    @Inject
    @Channel("datasets-prepared")
    Emitter<byte[]> prepared;

    @Inject
    @Channel("jobs-failed")
    Emitter<byte[]> failed;

    /** Publishes prepared tensors to {@code trainbus.datasets.prepared}. */
    public void datasetPrepared(DatasetPrepared event) {
        publisher.publish(prepared, event.getRequest().getJobId(), "DatasetPrepared", event.toByteArray());
    }

    /** Publishes a failed job to {@code trainbus.jobs.failed}. */
    public void jobFailed(JobFailed event) {
        publisher.publish(failed, event.getJobId(), "JobFailed", event.toByteArray());
    }
}
