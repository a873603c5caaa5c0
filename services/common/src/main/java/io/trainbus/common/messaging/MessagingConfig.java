package io.trainbus.common.messaging;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings for publishing events, under {@code trainbus.messaging.*}. */
@ConfigMapping(prefix = "trainbus.messaging")
public interface MessagingConfig {

    /**
     * Largest record value, in bytes, sent inside a Kafka record. A larger event goes to the object store and the
     * record carries a claim check in its place. The default stays well under Kafka's default limits of 1 MiB
     * ({@code max.request.size} of the producer, {@code message.max.bytes} of the broker), which also count the
     * key, the headers and the batch overhead.
     */
    @WithDefault("524288")
    int maxInlineBytes();

    /** Maximum wait for the broker to acknowledge one record before the send counts as failed. */
    @WithDefault("PT30S")
    Duration sendTimeout();
}
