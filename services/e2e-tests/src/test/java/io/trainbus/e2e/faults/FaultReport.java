package io.trainbus.e2e.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.InvalidProtocolBufferException;
import io.trainbus.common.messaging.ClaimCheck;
import io.trainbus.common.messaging.Topics;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.JobFailed;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Accounts for every job a fault scenario submitted, from the real Kafka topics, and appends one row per scenario
 * to {@code services/e2e-tests/target/fault-report.md}, so one file lists every scenario of a test run. The first
 * row written in a JVM replaces the file of an earlier run, because surefire runs every test class of the module in
 * one JVM by default.
 *
 * <p>Usage from a scenario, once its faults are injected:
 * <pre>{@code
 * ScenarioCounts counts = FaultReport.account("broker restart", bootstrapServers, jobIds, Duration.ofMinutes(5));
 * assertThat(counts.completed()).hasSize(jobIds.size());   // scenario-specific expectations, if any
 * }</pre>
 * {@link #account} waits until each job has a final event ({@code EvaluationCompleted} or {@code JobFailed}) or
 * the timeout expires, then reads the topics to their end once more after {@link #SETTLE} so that repeats still in
 * flight are counted. It writes the row before it asserts, so a failing scenario is in the report too, and then
 * asserts that no job is lost, none was trained or evaluated twice, and none both completed and failed.
 *
 * <p>A job is trained twice when its topics hold more than one {@code TrainingCompleted} or
 * {@code EvaluationCompleted}, or the same epoch number twice on {@code trainbus.training.epochs}. The trainer
 * publishes an epoch only after storing its checkpoint, so an epoch interrupted by a crash and redone appears once.
 * Records with the header {@link #INJECTED_HEADER} are copies that a scenario published itself, to make a stage
 * read its input again; they are not counted, so only what the services published is.
 */
public final class FaultReport {

    /** Quiet time after the last job ended, during which late repeats of its events are still counted. */
    public static final Duration SETTLE = Duration.ofSeconds(5);

    /** Header that marks a record a scenario copied onto a topic; its value does not matter. */
    public static final String INJECTED_HEADER = "trainbus-fault-injected";

    private static final List<String> TOPICS = List.of(Topics.DATASETS_INGESTED, Topics.DATASETS_PREPARED,
            Topics.TRAINING_EPOCHS, Topics.TRAINING_COMPLETED, Topics.EVALUATIONS, Topics.JOBS_FAILED);
    private static final String HEADER = """
            | scenario | submitted | completed | failed (reason) | lost | trained twice | completed and failed \
            | repeated ingested/prepared events |
            |---|---|---|---|---|---|---|---|
            """;

    /** Whether this JVM has written the report yet; guarded by the class lock of {@link #append}. */
    private static boolean started;

    private FaultReport() {
    }

    /**
     * Counts the outcome of each submitted job, reports the scenario and asserts that every job is accounted for.
     *
     * @param scenario short name of the scenario, for the report
     * @param bootstrapServers Kafka {@code host:port}
     * @param jobIds the job ids the scenario submitted; a repeated id counts once
     * @param timeout longest wait for every job to reach a final event
     * @return the counts, for assertions specific to the scenario
     * @throws AssertionError when a job is lost, trained twice, or both completed and failed
     */
    public static ScenarioCounts account(String scenario, String bootstrapServers, Collection<String> jobIds,
            Duration timeout) throws IOException, InterruptedException {
        ScenarioCounts counts = collect(scenario, bootstrapServers, jobIds, timeout);
        String row = counts.markdownRow();
        System.out.println("fault report: " + row);
        append(row);
        assertThat(counts.lost()).as("%s: jobs with neither a completion nor a failure with a reason", scenario)
                .isEmpty();
        assertThat(counts.trainedTwice()).as("%s: jobs trained or evaluated more than once", scenario).isEmpty();
        assertThat(counts.completedAndFailed()).as("%s: jobs that both completed and failed", scenario).isEmpty();
        return counts;
    }

    /**
     * Reads the topics and counts each job's outcome without reporting or asserting anything.
     *
     * @param scenario short name of the scenario
     * @param bootstrapServers Kafka {@code host:port}
     * @param jobIds the job ids to account for
     * @param timeout longest wait for every job to reach a final event
     * @return the counts
     */
    public static ScenarioCounts collect(String scenario, String bootstrapServers, Collection<String> jobIds,
            Duration timeout) throws InterruptedException {
        Set<String> submitted = new LinkedHashSet<>(jobIds);
        Map<String, JobTally> tallies = new LinkedHashMap<>();
        submitted.forEach(job -> tallies.put(job, new JobTally()));
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers)) {
            consumer.subscribe(TOPICS);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && tallies.values().stream().anyMatch(JobTally::lost)) {
                pollOnce(consumer, tallies);
            }
            Thread.sleep(SETTLE.toMillis());
            readToEnd(consumer, tallies);
        }
        return summarize(scenario, tallies);
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-report-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static void pollOnce(KafkaConsumer<String, byte[]> consumer, Map<String, JobTally> tallies) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
            JobTally tally = tallies.get(record.key());
            if (tally != null && record.headers().lastHeader(INJECTED_HEADER) == null) {
                count(record, tally);
            }
        }
    }

    /** Polls until this consumer's position reaches the end offset, taken now, of every assigned partition. */
    private static void readToEnd(KafkaConsumer<String, byte[]> consumer, Map<String, JobTally> tallies) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.assignment().isEmpty() && System.nanoTime() < deadline) {
            pollOnce(consumer, tallies);
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        while (System.nanoTime() < deadline && ends.entrySet().stream()
                .anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            pollOnce(consumer, tallies);
        }
    }

    private static void count(ConsumerRecord<String, byte[]> record, JobTally tally) {
        if (ClaimCheck.isClaimCheck(record.headers())) {
            countClaimCheck(record, tally);
            return;
        }
        try {
            switch (record.topic()) {
                case Topics.DATASETS_INGESTED -> tally.ingested();
                case Topics.DATASETS_PREPARED -> tally.prepared();
                case Topics.TRAINING_EPOCHS ->
                        tally.epochCompleted(EpochCompleted.parseFrom(record.value()).getEpoch());
                case Topics.TRAINING_COMPLETED -> tally.trainingCompleted();
                case Topics.EVALUATIONS -> tally.evaluationCompleted();
                case Topics.JOBS_FAILED -> tally.failed(JobFailed.parseFrom(record.value()).getReason());
                default -> throw new IllegalStateException("Unexpected topic " + record.topic());
            }
        } catch (InvalidProtocolBufferException e) {
            throw new AssertionError("The record at offset " + record.offset() + " of " + record.topic()
                    + " for job " + record.key() + " is not the binary Protobuf event of that topic", e);
        }
    }

    /**
     * Counts a record whose event the publisher stored in the object store because it was too large. Only the
     * failure reason is out of reach without the store; an epoch event is a few hundred bytes and never that large.
     */
    private static void countClaimCheck(ConsumerRecord<String, byte[]> record, JobTally tally) {
        switch (record.topic()) {
            case Topics.DATASETS_INGESTED -> tally.ingested();
            case Topics.DATASETS_PREPARED -> tally.prepared();
            case Topics.TRAINING_COMPLETED -> tally.trainingCompleted();
            case Topics.EVALUATIONS -> tally.evaluationCompleted();
            case Topics.JOBS_FAILED -> tally.failed("(reason stored in the object store behind a claim check)");
            default -> throw new AssertionError("The record at offset " + record.offset() + " of "
                    + record.topic() + " for job " + record.key() + " is a claim check, which this report cannot"
                    + " read without the object store");
        }
    }

    private static ScenarioCounts summarize(String scenario, Map<String, JobTally> tallies) {
        List<String> completed = new ArrayList<>();
        Map<String, String> failures = new LinkedHashMap<>();
        List<String> lost = new ArrayList<>();
        Map<String, List<String>> trainedTwice = new LinkedHashMap<>();
        List<String> completedAndFailed = new ArrayList<>();
        int repeatedStageEvents = 0;
        for (Map.Entry<String, JobTally> entry : tallies.entrySet()) {
            String job = entry.getKey();
            JobTally tally = entry.getValue();
            if (tally.completed()) {
                completed.add(job);
            } else if (tally.failedWithReason()) {
                failures.put(job, tally.failureReason());
            } else {
                lost.add(job);
            }
            if (!tally.repeatedWork().isEmpty()) {
                trainedTwice.put(job, tally.repeatedWork());
            }
            if (tally.completedAndFailed()) {
                completedAndFailed.add(job);
            }
            repeatedStageEvents += tally.repeatedStageEvents();
        }
        return new ScenarioCounts(scenario, List.copyOf(tallies.keySet()), completed, failures, lost, trainedTwice,
                completedAndFailed, repeatedStageEvents);
    }

    /** Appends a row to the report file, starting the file with the table header at the first row of this JVM. */
    private static synchronized void append(String row) throws IOException {
        Path report = reportFile();
        Files.createDirectories(report.getParent());
        if (!started) {
            Files.deleteIfExists(report);
            started = true;
        }
        String text = (Files.exists(report) ? "" : "# Fault scenarios\n\n" + HEADER) + row + "\n";
        Files.writeString(report, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    /** {@code services/e2e-tests/target/fault-report.md} under the checkout that Maven names, else under here. */
    static Path reportFile() {
        String home = System.getProperty("trainbus.home");
        Path module = home == null || home.isBlank() ? Path.of("") : Path.of(home.strip(), "services/e2e-tests");
        return module.resolve("target/fault-report.md").toAbsolutePath();
    }
}
