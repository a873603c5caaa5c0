package io.trainbus.preprocessing.messaging;

import java.io.IOException;

import com.google.protobuf.InvalidProtocolBufferException;
import io.smallrye.common.annotation.Blocking;
import io.trainbus.preprocessing.augment.AugmentationScheduler;
import io.trainbus.proto.v1.EpochCompleted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code EpochCompleted} from {@code trainbus.training.epochs} (channel {@code training-epochs}, its own
 * consumer group) so that augmentation stays a bounded number of epochs ahead of the trainer. The record is
 * acknowledged after the new progress is stored, so a restart re-reads at most the events it had not stored.
 */
@ApplicationScoped
public class TrainingEpochConsumer {

    private static final Logger LOG = Logger.getLogger(TrainingEpochConsumer.class);

    @Inject
    AugmentationScheduler scheduler;

    /** Frees the finished epoch's slot of an augmented job; other jobs' epochs are ignored. */
    @Incoming("training-epochs")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        EpochCompleted epoch;
        try {
            epoch = EpochCompleted.parseFrom(record.value() == null ? new byte[0] : record.value());
        } catch (InvalidProtocolBufferException e) {
            LOG.warnf("job=%s skipped a record of trainbus.training.epochs at offset %d that is not a binary "
                    + "Protobuf EpochCompleted: %s", record.key(), record.offset(), e.getMessage());
            return;
        }
        try {
            scheduler.epochCompleted(epoch.getJobId(), epoch.getEpoch());
        } catch (IOException | RuntimeException e) {
            // Not rethrown: the next epoch's event carries a higher number and frees the slot as well.
            LOG.errorf(e, "job=%s recording finished epoch %d for augmentation failed", epoch.getJobId(),
                    epoch.getEpoch());
        }
    }
}
