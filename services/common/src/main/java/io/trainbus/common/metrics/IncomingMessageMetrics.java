package io.trainbus.common.metrics;

import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Counts the records of every incoming connector channel in {@link MessageMeters}: SmallRye Reactive Messaging
 * applies this decorator to each channel's stream, so every service gets the counts without code in its consumers.
 * A record counts as consumed when it is acknowledged, which happens after the consuming method returns, and as
 * failed when it is negatively acknowledged.
 */
@ApplicationScoped
public class IncomingMessageMetrics implements PublisherDecorator {

    @Inject
    MessageMeters meters;

    @Inject
    Config config;

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelNames,
            boolean isConnector) {
        if (!isConnector || channelNames.isEmpty()) {
            return publisher;
        }
        MessageMeters.ConsumedMeters topicMeters = meters.consumed(ChannelTopics.incoming(config, channelNames.get(0)));
        return publisher.map(message -> track(message, topicMeters));
    }

    private static Message<?> track(Message<?> message, MessageMeters.ConsumedMeters topic) {
        topic.received();
        return message
                .withAckWithMetadata(metadata -> message.ack(metadata)
                        .whenComplete((ignored, error) -> topic.finished(error)))
                .withNackWithMetadata((reason, metadata) -> message.nack(reason, metadata)
                        .whenComplete((ignored, error) -> topic.finished(reason)));
    }
}
