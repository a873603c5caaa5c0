package io.trainbus.evaluator.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.trainbus.common.messaging.ClaimCheckDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the event topics from the beginning into a {@link JobRegistry} on a thread of its own, then keeps
 * following them. It joins no consumer group and commits nothing: every start reads everything again, which is
 * how the job state survives a restart. Topics created after the start are picked up within
 * {@link #PARTITION_REFRESH}.
 *
 * <p>NOTE: the state reaches back only as far as the topics' retention. Reports and pictures stay in the object
 * store regardless.
 */
public final class JobEventReplay implements AutoCloseable {

    /** How often the consumer looks for new topics or partitions. */
    static final Duration PARTITION_REFRESH = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(5);
    private static final Logger LOG = Logger.getLogger(JobEventReplay.class);

    private final JobRegistry registry;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** End offsets at the start, per partition; the replay has caught up when its positions reach them. */
    private final Map<TopicPartition, Long> startEnds = new HashMap<>();
    private volatile boolean running = true;
    private long recordsRead;

    /**
     * Connects a consumer; {@link #start} begins reading.
     *
     * @param bootstrapServers Kafka bootstrap servers
     * @param registry where the records go
     */
    public JobEventReplay(String bootstrapServers, JobRegistry registry) {
        this.registry = registry;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "trainbus-evaluator-job-state");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Reading must never create a topic; the services that publish to them do.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // Events above the inline limit arrive as claim checks, so the deserializer fetches their payload. A store
        // outage fails the poll, and the loop below retries it without skipping the record.
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ClaimCheckDeserializer());
        this.thread = new Thread(this::run, "trainbus-job-state-replay");
        this.thread.setDaemon(true);
    }

    /** Starts the reading thread. */
    public void start() {
        thread.start();
    }

    /**
     * Waits until every record that existed at the start has been applied.
     *
     * @param timeout how long to wait
     * @return true when caught up, false on timeout
     * @throws InterruptedException when the wait is interrupted
     */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** @return true once every record that existed at the start has been applied */
    public boolean caughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        LOG.infof("Replaying %s from the beginning to rebuild the job state", JobRegistry.TOPICS);
        long nextRefresh = 0;
        long failures = 0;
        try {
            while (running) {
                try {
                    if (System.nanoTime() >= nextRefresh) {
                        assignNewPartitions();
                        nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
                    }
                    pollOnce();
                    failures = 0;
                } catch (WakeupException e) {
                    throw e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                } catch (RuntimeException e) {
                    // The broker may be down or restarting: keep the state read so far and try again.
                    failures++;
                    if (failures == 1 || failures % 60 == 0) {
                        LOG.warnf(e, "Reading the event topics for the job state failed %d time(s) in a row, retrying"
                                + " every %d s: %s", failures, RETRY_PAUSE.toSeconds(), e.getMessage());
                    }
                    pause();
                }
            }
        } catch (WakeupException e) {
            // close() woke the consumer up to stop it.
        } finally {
            consumer.close();
        }
    }

    private void pollOnce() throws InterruptedException {
        if (consumer.assignment().isEmpty()) {
            // None of the topics exists yet, so there is nothing to replay; poll() would reject an empty assignment.
            if (!caughtUp()) {
                LOG.info("No event topic exists yet, so the job state starts empty");
                caughtUp.countDown();
            }
            Thread.sleep(POLL.toMillis());
            return;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            registry.apply(record.topic(), record.key(), record.value(), record.timestamp());
            recordsRead++;
        }
        if (!caughtUp() && reachedStartEnds()) {
            LOG.infof("Job state rebuilt from %d record(s): %d job(s)", recordsRead, registry.jobs().size());
            caughtUp.countDown();
        }
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Assigns partitions that appeared since the last call and rewinds them to their first record. */
    private void assignNewPartitions() {
        Set<TopicPartition> assigned = new HashSet<>(consumer.assignment());
        List<TopicPartition> added = new ArrayList<>();
        Map<String, List<PartitionInfo>> topics = consumer.listTopics();
        for (String topic : JobRegistry.TOPICS) {
            for (PartitionInfo partition : topics.getOrDefault(topic, List.of())) {
                TopicPartition topicPartition = new TopicPartition(topic, partition.partition());
                if (assigned.add(topicPartition)) {
                    added.add(topicPartition);
                }
            }
        }
        if (added.isEmpty()) {
            return;
        }
        consumer.assign(assigned);
        consumer.seekToBeginning(added);
        if (!caughtUp()) {
            startEnds.putAll(consumer.endOffsets(added));
        }
    }

    private boolean reachedStartEnds() {
        for (Map.Entry<TopicPartition, Long> end : startEnds.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** Stops the thread and closes the consumer. */
    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            // Never started, or already ended and closed its consumer; closing twice is harmless.
            consumer.close();
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
