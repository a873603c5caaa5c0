package io.trainbus.common.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/**
 * Kafka record counts per topic, shared by {@link IncomingMessageMetrics} and {@link OutgoingMessageMetrics}:
 * <ul>
 * <li>{@code trainbus_messages_consumed_total}: records whose processing finished;</li>
 * <li>{@code trainbus_messages_produced_total}: records the broker acknowledged;</li>
 * <li>{@code trainbus_messages_failed_total}, tagged {@code direction} consume or produce: records that were
 * negatively acknowledged;</li>
 * <li>the gauge {@code trainbus_messages_in_progress}: records received and not yet acknowledged. One record is one
 * job, so on a stage's input topic this is the number of jobs the stage holds.</li>
 * </ul>
 * A channel's series are registered at zero when the channel is wired, before its first record.
 */
@ApplicationScoped
public class MessageMeters {

    private final MeterRegistry registry;
    /** Meters of consuming channels by topic. The in-progress gauges read these objects, so they stay reachable. */
    private final Map<String, ConsumedMeters> consumed = new ConcurrentHashMap<>();
    private final Map<String, ProducedMeters> produced = new ConcurrentHashMap<>();

    /** @param registries the service's registry; a program without Micrometer (the CLI) records nothing */
    MessageMeters(Instance<MeterRegistry> registries) {
        this.registry = registries.isResolvable() ? registries.get() : new CompositeMeterRegistry();
    }

    /** Returns the meters of records consumed from {@code topic}, registering them on first use. */
    ConsumedMeters consumed(String topic) {
        return consumed.computeIfAbsent(topic, this::registerConsumed);
    }

    /** Returns the meters of records produced to {@code topic}, registering them on first use. */
    ProducedMeters produced(String topic) {
        return produced.computeIfAbsent(topic, this::registerProduced);
    }

    private ConsumedMeters registerConsumed(String topic) {
        AtomicInteger inProgress = new AtomicInteger();
        Gauge.builder("trainbus.messages.in.progress", inProgress, AtomicInteger::get)
                .description("Records received and not yet acknowledged, by topic")
                .tag("topic", topic)
                .strongReference(true)
                .register(registry);
        Counter done = Counter.builder("trainbus.messages.consumed")
                .description("Records consumed and processed, by topic")
                .tag("topic", topic)
                .register(registry);
        return new ConsumedMeters(inProgress, done, failed(topic, "consume"));
    }

    private ProducedMeters registerProduced(String topic) {
        Counter sent = Counter.builder("trainbus.messages.produced")
                .description("Records acknowledged by the broker, by topic")
                .tag("topic", topic)
                .register(registry);
        return new ProducedMeters(sent, failed(topic, "produce"));
    }

    private Counter failed(String topic, String direction) {
        return Counter.builder("trainbus.messages.failed")
                .description("Records whose processing or sending failed, by topic and direction")
                .tag("topic", topic)
                .tag("direction", direction)
                .register(registry);
    }

    /** Meters of one consumed topic. */
    record ConsumedMeters(AtomicInteger inProgress, Counter done, Counter failed) {

        void received() {
            inProgress.incrementAndGet();
        }

        /** Counts the end of a received record's processing, successful when {@code failure} is null. */
        void finished(Throwable failure) {
            inProgress.decrementAndGet();
            (failure == null ? done : failed).increment();
        }
    }

    /** Meters of one produced topic. */
    record ProducedMeters(Counter sent, Counter failed) {

        /** Counts the end of one send, acknowledged by the broker when {@code failure} is null. */
        void finished(Throwable failure) {
            (failure == null ? sent : failed).increment();
        }
    }
}
