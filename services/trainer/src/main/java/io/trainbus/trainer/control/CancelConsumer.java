package io.trainbus.trainer.control;

import java.nio.charset.StandardCharsets;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.smallrye.common.annotation.Blocking;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.CancelJob;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code CancelJob} from {@code trainbus.jobs.cancel} (channel {@code jobs-cancel}). Every trainer instance
 * reads every cancel message, because its consumer group id is unique per process. The instance that trains the
 * job stops it, and each instance stores the cancel marker so that the job is also cancelled if it starts or
 * resumes later.
 */
@ApplicationScoped
public class CancelConsumer {

    private static final Logger LOG = Logger.getLogger(CancelConsumer.class);

    @Inject
    RunningJobs jobs;

    @Inject
    ObjectStore store;

    /** Cancels the job of one record; an unreadable record is logged and skipped. */
    @Incoming("jobs-cancel")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        CancelJob cancel;
        try {
            cancel = parse(record.value());
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("Skipped the cancel record with key %s at offset %d: it is neither CancelJob JSON nor binary"
                    + " Protobuf (%s)", record.key(), record.offset(), e.getMessage());
            return;
        }
        String jobId = cancel.getJobId().isEmpty() ? record.key() : cancel.getJobId();
        if (jobId == null || jobId.isEmpty()) {
            LOG.warnf("Skipped the cancel record at offset %d: it names no job id", record.offset());
            return;
        }
        String json;
        try {
            json = JsonFormat.printer().preservingProtoFieldNames().print(cancel.toBuilder().setJobId(jobId));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("CancelJob of job " + jobId + " could not be printed as JSON", e);
        }
        new JobMarkers(store).markCancelled(jobId, json);
        boolean running = jobs.requestStop(jobId, StopReason.CANCELLED);
        LOG.infof("job=%s cancel requested (%s)%s", jobId, cancel.getReason().isEmpty() ? "no reason given"
                : cancel.getReason(), running ? ": stopping it before its next batch" : "");
    }

    /** Reads the Protobuf JSON mapping when the first non-blank byte is '{', else binary Protobuf. */
    static CancelJob parse(byte[] value) throws InvalidProtocolBufferException {
        byte[] bytes = value == null ? new byte[0] : value;
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("{")) {
            CancelJob.Builder builder = CancelJob.newBuilder();
            JsonFormat.parser().merge(text, builder);
            return builder.build();
        }
        return CancelJob.parseFrom(bytes);
    }
}
