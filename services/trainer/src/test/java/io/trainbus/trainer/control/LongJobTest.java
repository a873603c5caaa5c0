package io.trainbus.trainer.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.RequestDefaults;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.proto.v1.CancelJob;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import io.trainbus.trainer.TestTensors;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Jobs longer than the consumer's limits, which the test profile sets to max.poll.interval.ms 3 s and session
 * timeout 6 s. The trainer stays in its group and healthy, hands a job over when its partition moves, and stops a
 * job on a cancel message.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class LongJobTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(600);
    private static final String GROUP = "trainbus-trainer";
    private static final long MAX_POLL_INTERVAL_MS = 3000;

    @Inject
    ObjectStore store;

    @Inject
    RunningJobs runningJobs;

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @TestHTTPResource("/q/health/live")
    URI live;

    @Test
    void jobOutlastingPollLimitStaysInGroup() throws Exception {
        String jobId = "long-" + UUID.randomUUID();
        // About 10 s of training on a quiet 2-core machine, so the job outlasts the 3 s poll limit at any speed.
        publish(jobId, prepared(jobId, 3, 2560).toByteArray());
        List<Integer> healthStatuses = new ArrayList<>();
        Set<String> memberIds = new HashSet<>();
        List<EpochCompleted> epochs = new ArrayList<>();
        List<TrainingCompleted> completions = new ArrayList<>();

        try (Admin admin = admin(); KafkaConsumer<String, byte[]> events = consumer("events",
                Topics.TRAINING_EPOCHS, Topics.TRAINING_COMPLETED, Topics.JOBS_FAILED)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (completions.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(500))) {
                    if (!jobId.equals(record.key())) {
                        continue;
                    }
                    switch (record.topic()) {
                        case Topics.TRAINING_EPOCHS -> epochs.add(EpochCompleted.parseFrom(record.value()));
                        case Topics.TRAINING_COMPLETED -> completions.add(TrainingCompleted.parseFrom(record.value()));
                        default -> throw new AssertionError("Job failed: " + JobFailed.parseFrom(record.value()));
                    }
                }
                if (runningJobs.runningJobId().filter(jobId::equals).isPresent()) {
                    healthStatuses.add(status(ready));
                    healthStatuses.add(status(live));
                    memberIds.addAll(members(admin));
                }
            }
            // Late duplicates would arrive within a few polls.
            for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofSeconds(2))) {
                if (jobId.equals(record.key()) && record.topic().equals(Topics.TRAINING_COMPLETED)) {
                    completions.add(TrainingCompleted.parseFrom(record.value()));
                }
            }
        }

        assertThat(completions).as("TrainingCompleted of " + jobId).hasSize(1);
        assertThat(completions.get(0).getTrainingSeconds() * 1000).as("the job must outlast max.poll.interval.ms")
                .isGreaterThan(MAX_POLL_INTERVAL_MS);
        assertThat(epochs).extracting(EpochCompleted::getEpoch).containsExactly(1, 2, 3);
        assertThat(healthStatuses).as("health checks while the job ran").isNotEmpty().containsOnly(200);
        assertThat(memberIds).as("consumer group members while the job ran").hasSize(1);
    }

    @Test
    void revokedPartitionHandsJobOverWithoutOverlap() throws Exception {
        String jobId = "handover-" + UUID.randomUUID();
        // Long enough that the takeover consumer joins while the job still runs, even on a quiet machine.
        publish(jobId, prepared(jobId, 4, 1920).toByteArray());
        List<Integer> epochs = new ArrayList<>();
        TrainingCompleted completed = null;
        boolean handedOver = false;
        String runningWhenHandedOver = null;

        try (KafkaConsumer<String, byte[]> events = consumer("events", Topics.TRAINING_EPOCHS,
                Topics.TRAINING_COMPLETED, Topics.JOBS_FAILED)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (epochs.isEmpty() && System.nanoTime() < deadline) {
                collect(events, jobId, epochs);
            }
            assertThat(epochs).as("first epoch of " + jobId).isNotEmpty();

            try (KafkaConsumer<String, byte[]> takeover = takeoverConsumer()) {
                while (!handedOver && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, byte[]> record : takeover.poll(Duration.ofMillis(200))) {
                        if (jobId.equals(record.key())) {
                            handedOver = true;
                            runningWhenHandedOver = runningJobs.runningJobId().orElse("none");
                        }
                    }
                    collect(events, jobId, epochs);
                }
            }
            while (completed == null && System.nanoTime() < deadline) {
                completed = collect(events, jobId, epochs);
            }
        }

        assertThat(handedOver).as("the takeover consumer received the job's uncommitted record").isTrue();
        assertThat(runningWhenHandedOver).as("job running in the trainer at hand-over").isNotEqualTo(jobId);
        assertThat(completed).as("TrainingCompleted of " + jobId).isNotNull();
        assertThat(epochs).as("epoch events, each once").containsExactly(1, 2, 3, 4);
        assertThat(completed.getEpochsRun()).isEqualTo(4);
    }

    @Test
    void cancelMessageStopsRunningJobAndKeepsCheckpoints() throws Exception {
        String jobId = "cancel-" + UUID.randomUUID();
        publish(jobId, prepared(jobId, 50, 320).toByteArray());
        List<Integer> epochs = new ArrayList<>();
        JobFailed failure = null;

        try (KafkaConsumer<String, byte[]> events = consumer("events", Topics.TRAINING_EPOCHS,
                Topics.TRAINING_COMPLETED, Topics.JOBS_FAILED)) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (epochs.isEmpty() && System.nanoTime() < deadline) {
                collect(events, jobId, epochs);
            }
            CancelJob cancel = CancelJob.newBuilder().setJobId(jobId).setReason("test").build();
            publishTo(Topics.JOBS_CANCEL, jobId, cancel.toByteArray());
            while (failure == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(500))) {
                    if (!jobId.equals(record.key())) {
                        continue;
                    }
                    assertThat(record.topic()).as("no completion after a cancel").isNotEqualTo(
                            Topics.TRAINING_COMPLETED);
                    if (record.topic().equals(Topics.JOBS_FAILED)) {
                        failure = JobFailed.parseFrom(record.value());
                    } else {
                        epochs.add(EpochCompleted.parseFrom(record.value()).getEpoch());
                    }
                }
            }
        }

        assertThat(failure).as("JobFailed of the cancelled job").isNotNull();
        assertThat(failure.getReason()).startsWith("Cancelled").contains(jobId);
        assertThat(failure.getStage()).isEqualTo("trainer");
        assertThat(epochs.size()).as("epochs run before the cancel took effect").isLessThan(50);
        assertThat(store.exists(ObjectKeys.lastCheckpoint(jobId))).isTrue();
        assertThat(store.exists(ObjectKeys.bestCheckpoint(jobId))).isTrue();
        assertThat(store.exists(ObjectKeys.history(jobId))).isFalse();
    }

    private TrainingCompleted collect(KafkaConsumer<String, byte[]> events, String jobId, List<Integer> epochs)
            throws Exception {
        TrainingCompleted completed = null;
        for (ConsumerRecord<String, byte[]> record : events.poll(Duration.ofMillis(200))) {
            if (!jobId.equals(record.key())) {
                continue;
            }
            switch (record.topic()) {
                case Topics.TRAINING_EPOCHS -> epochs.add(EpochCompleted.parseFrom(record.value()).getEpoch());
                case Topics.TRAINING_COMPLETED -> completed = TrainingCompleted.parseFrom(record.value());
                default -> throw new AssertionError("Job failed: " + JobFailed.parseFrom(record.value()));
            }
        }
        return completed;
    }

    private DatasetPrepared prepared(String jobId, int epochs, int images) throws Exception {
        TrainingRequest request = RequestDefaults.apply(TrainingRequest.newBuilder()
                .setJobId(jobId)
                .setExperimentId("long-job-test")
                .setModel("mlp")
                .setEpochs(epochs)
                .setDataset(DatasetSpec.newBuilder().setTrainLimit(images + 32).setValidationSize(32))
                .build());
        return TestTensors.upload(store, request, images, 32);
    }

    private static int status(URI uri) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode();
    }

    private static Set<String> members(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
        Set<String> ids = new HashSet<>();
        for (MemberDescription member : group.members()) {
            ids.add(member.consumerId());
        }
        return ids;
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                LocalStackTestResource.current().bootstrapServers()));
    }

    private static void publish(String jobId, byte[] value) throws Exception {
        publishTo(Topics.DATASETS_PREPARED, jobId, value);
    }

    private static void publishTo(String topic, String jobId, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, jobId, value)).get();
        }
    }

    /** Joins the trainer's group and, through {@link HandOverAssignor}, takes its partitions without committing. */
    private static KafkaConsumer<String, byte[]> takeoverConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, HandOverAssignor.TAKEOVER_CLIENT + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, HandOverAssignor.class.getName());
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DATASETS_PREPARED));
        return consumer;
    }

    private static KafkaConsumer<String, byte[]> consumer(String name, String... topics) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalStackTestResource.current().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "long-job-test-" + name + "-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
        return consumer;
    }
}
