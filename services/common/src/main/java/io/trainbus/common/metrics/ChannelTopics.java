package io.trainbus.common.metrics;

import org.eclipse.microprofile.config.Config;

/**
 * Finds the Kafka topic of a SmallRye channel the way the Kafka connector does: the channel's {@code topic}
 * attribute, or the channel name when the attribute is absent.
 */
final class ChannelTopics {

    private ChannelTopics() {
    }

    static String incoming(Config config, String channel) {
        return topic(config, "mp.messaging.incoming.", channel);
    }

    static String outgoing(Config config, String channel) {
        return topic(config, "mp.messaging.outgoing.", channel);
    }

    private static String topic(Config config, String prefix, String channel) {
        return config.getOptionalValue(prefix + channel + ".topic", String.class).orElse(channel);
    }
}
