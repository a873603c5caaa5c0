package io.trainbus.cli.follow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import com.google.protobuf.MessageLite;
import io.trainbus.cli.ExitCodes;
import io.trainbus.cli.TrainbusCommand;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.RequestParser;
import io.trainbus.localstack.LocalStack;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.TrainingRequest;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code submit} and {@code follow} against the real in-JVM Kafka broker of the local stack. */
class SubmitAndFollowTest {

    /** The stack's S3 data, which JUnit deletes after {@link #stopStack}. */
    @TempDir
    static Path stackDir;
    private static LocalStack stack;
    private static KafkaProducer<String, byte[]> producer;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startStack() throws Exception {
        stack = LocalStack.start(new LocalStack.Options(0, 0, stackDir,
                "test-access", UUID.randomUUID().toString(), 2));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopStack() {
        if (producer != null) {
            producer.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    private int trainbus(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--bootstrap-servers");
        all.add(stack.bootstrapServers());
        return new CommandLine(new TrainbusCommand())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(all.toArray(String[]::new));
    }

    private static void publish(String topic, String jobId, MessageLite event) throws Exception {
        producer.send(new ProducerRecord<>(topic, jobId, event.toByteArray())).get();
    }

    private static EpochCompleted epoch(String experimentId, String jobId, String model, int number,
            boolean best) {
        return EpochCompleted.newBuilder().setJobId(jobId).setExperimentId(experimentId).setModel(model)
                .setEpoch(number).setEpochs(2).setLoss(2.0 / number).setAccuracy(0.3 * number)
                .setValLoss(1.9 / number).setValAccuracy(0.31 * number).setSeconds(61).setImagesPerSecond(500)
                .setBestReplaced(best).build();
    }

    private static EvaluationCompleted evaluation(String experimentId, String jobId, String model,
            long parameters, double accuracy) {
        return EvaluationCompleted.newBuilder().setJobId(jobId).setExperimentId(experimentId).setModel(model)
                .setParameters(parameters).setEpochsRun(2).setBestEpoch(2).setTestAccuracy(accuracy)
                .setTestLoss(1.2345).setTestCount(200).setTrainingSeconds(122).build();
    }

    @Test
    void submitPublishesJsonKeyedByJobId() throws Exception {
        String jobId = "submit-" + UUID.randomUUID();

        int exitCode = trainbus("submit", "--job-id", jobId, "--model", "mlp", "--epochs", "1",
                "--train-limit", "1000", "--validation-size", "200");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("Submitted job " + jobId);
        ConsumerRecord<String, byte[]> record = findRequest(jobId);
        assertThat(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8)).startsWith("{");
        TrainingRequest published = RequestParser.parse(record.value());
        assertThat(published.getModel()).isEqualTo("mlp");
        assertThat(published.getEpochs()).isEqualTo(1);
        assertThat(published.getDataset().getTrainLimit()).isEqualTo(1000);
        assertThat(published.getBatchSize()).isEqualTo(32);
    }

    @Test
    void submitBinaryFormatPublishesProtobuf() throws Exception {
        String jobId = "binary-" + UUID.randomUUID();

        int exitCode = trainbus("submit", "--job-id", jobId, "--model", "cnn", "--format", "BINARY");

        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        ConsumerRecord<String, byte[]> record = findRequest(jobId);
        assertThat(TrainingRequest.parseFrom(record.value()).getJobId()).isEqualTo(jobId);
    }

    @Test
    void followPrintsEpochsAndTableForExperiment() throws Exception {
        String experimentId = "exp-" + UUID.randomUUID();
        String mlpJob = experimentId + "-mlp";
        String cnnJob = experimentId + "-cnn";
        publish(Topics.TRAINING_EPOCHS, mlpJob, epoch(experimentId, mlpJob, "mlp", 1, true));
        publish(Topics.TRAINING_EPOCHS, cnnJob, epoch(experimentId, cnnJob, "cnn", 1, true));
        publish(Topics.TRAINING_EPOCHS, mlpJob, epoch(experimentId, mlpJob, "mlp", 2, false));
        publish(Topics.EVALUATIONS, mlpJob, evaluation(experimentId, mlpJob, "mlp", 3_590_642, 0.4321));
        publish(Topics.TRAINING_EPOCHS, cnnJob, epoch(experimentId, cnnJob, "cnn", 2, true));
        publish(Topics.EVALUATIONS, cnnJob, evaluation(experimentId, cnnJob, "cnn", 528_054, 0.6543));

        int exitCode = trainbus("follow", "--experiment", experimentId, "--jobs", "2", "--timeout", "60s");

        String output = out.toString();
        assertThat(exitCode).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(output).contains("[mlp] Epoch 1/2 - 61s - loss: 2.0000 - acc: 0.3000 - val_loss: 1.9000 - "
                + "val_acc: 0.3100 - 500 img/s - best checkpoint replaced");
        assertThat(output).contains("[mlp] Epoch 2/2 - 61s - loss: 1.0000 - acc: 0.6000 - val_loss: 0.9500 - "
                + "val_acc: 0.6200 - 500 img/s\n");
        assertThat(output).contains("[cnn] Epoch 2/2");
        List<String> lines = output.lines().toList();
        int header = lines.indexOf(lines.stream().filter(line -> line.startsWith("Model")).findFirst()
                .orElseThrow());
        assertThat(lines.subList(header + 2, lines.size())).hasSize(2);
        assertThat(lines.get(header + 2)).contains("mlp", mlpJob, "3,590,642", "0.4321", "1.2345", "2m 02s", "ok");
        assertThat(lines.get(header + 3)).contains("cnn", cnnJob, "528,054", "0.6543", "ok");
    }

    @Test
    void followExitsWithOneWhenJobFailed() throws Exception {
        String jobId = "fail-" + UUID.randomUUID();
        publish(Topics.TRAINING_EPOCHS, jobId, epoch("failing", jobId, "cnn", 1, true));
        publish(Topics.JOBS_FAILED, jobId, JobFailed.newBuilder().setJobId(jobId).setExperimentId("failing")
                .setStage("trainer").setReason("The training loss became NaN in epoch 1").build());

        int exitCode = trainbus("follow", "--job", jobId, "--timeout", "60s");

        assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("[cnn] Job " + jobId + " failed in trainer: The training loss became NaN "
                + "in epoch 1");
        assertThat(out.toString()).contains("failed in trainer\n");
    }

    @Test
    void followTimesOutWithClearMessage() {
        String jobId = "silent-" + UUID.randomUUID();

        int exitCode = trainbus("follow", "--job", jobId, "--timeout", "3s");

        assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
        assertThat(err.toString()).contains("Timed out after 3s waiting for job(s) " + jobId);
        assertThat(err.toString()).contains(jobId + " (no epoch yet)");
        assertThat(err.toString()).contains("Raise --timeout");
    }

    @Test
    void followRequiresExperimentOrJob() {
        int exitCode = trainbus("follow");

        assertThat(exitCode).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--experiment", "--job");
    }

    private static ConsumerRecord<String, byte[]> findRequest(String jobId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REQUESTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (jobId.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("No record with key " + jobId + " on " + Topics.REQUESTS + " within 30 s");
    }
}
