package io.trainbus.common.metrics;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.SubscriberDecorator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts the records sent through every outgoing connector channel in {@link MessageMeters}. The Kafka connector
 * acknowledges a record once the broker has stored it and negatively acknowledges it when the send fails.
 */
@ApplicationScoped
public class OutgoingMessageMetrics implements SubscriberDecorator {

    @Inject
    MessageMeters meters;

    @Inject
    Config config;

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> toBeSubscribed, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector || channelNames.isEmpty()) {
            return toBeSubscribed;
        }
        MessageMeters.ProducedMeters topicMeters = meters.produced(ChannelTopics.outgoing(config, channelNames.get(0)));
        return toBeSubscribed.map(message -> track(message, topicMeters));
    }

    private static Message<?> track(Message<?> message, MessageMeters.ProducedMeters topic) {
        return message
                .withAckWithMetadata(metadata -> message.ack(metadata)
                        .whenComplete((ignored, error) -> topic.finished(error)))
                .withNackWithMetadata((reason, metadata) -> message.nack(reason, metadata)
                        .whenComplete((ignored, error) -> topic.finished(reason)));
    }
}
