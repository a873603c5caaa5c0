package io.trainbus.evaluator.messaging;

import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.common.annotation.Blocking;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.evaluator.experiment.ExperimentReports;
import io.trainbus.evaluator.experiment.ExperimentRow;
import io.trainbus.evaluator.jobs.JobTracking;
import io.trainbus.evaluator.jobs.JobView;
import io.trainbus.proto.v1.JobFailed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code JobFailed} from {@code trainbus.jobs.failed} (channel {@code failures-for-experiments}) and adds the
 * failed job to its experiment's comparison report, so that the report lists every job that ended.
 */
@ApplicationScoped
public class JobFailedConsumer {

    private static final Logger LOG = Logger.getLogger(JobFailedConsumer.class);

    @Inject
    ObjectStore store;

    @Inject
    JobTracking tracking;

    /** Records one failure; catches every error, since a lost report row must not stop the channel. */
    @Incoming("failures-for-experiments")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        JobFailed failure;
        try {
            failure = JobFailed.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("job=%s a record on trainbus.jobs.failed is not a binary Protobuf JobFailed: %s",
                    record.key(), e.getMessage());
            return;
        }
        if (failure.getJobId().isEmpty() || failure.getExperimentId().isEmpty()) {
            // A request too broken to name its job or experiment belongs to no comparison.
            return;
        }
        String model = tracking.registry().job(failure.getJobId()).map(JobView::model).orElse("");
        try {
            new ExperimentReports(store).update(failure.getExperimentId(), ExperimentRow.failed(failure.getJobId(),
                    model, failure.getStage(), failure.getReason()));
        } catch (Exception e) {
            LOG.errorf(e, "job=%s experiment=%s the failed job could not be added to the experiment report: %s",
                    failure.getJobId(), failure.getExperimentId(), e.getMessage());
        }
    }
}
