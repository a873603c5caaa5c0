package io.trainbus.evaluator;

import static io.trainbus.evaluator.TestJobs.CLASS_NAMES;
import static io.trainbus.evaluator.TestJobs.TEST_COUNT;
import static io.trainbus.evaluator.TestJobs.awaitRecord;
import static io.trainbus.evaluator.pictures.PngAssertions.assertPicture;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.trainbus.evaluator.TestJobs.Expected;
import io.trainbus.evaluator.TestJobs.TestJob;
import io.trainbus.evaluator.pictures.ConfusionMatrixChart;
import io.trainbus.evaluator.pictures.JobPictures;
import io.trainbus.evaluator.pictures.TrainingCurvesChart;
import io.trainbus.evaluator.pictures.TrainingImageGrid;
import io.trainbus.evaluator.pictures.ValidationAccuracyChart;
import io.trainbus.evaluator.storage.ReportKeys;
import io.trainbus.evaluator.storage.ReportKeys.ExperimentPicture;
import io.trainbus.evaluator.storage.ReportKeys.JobPicture;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.tensor.NpyFormat;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.models.Checkpoints;
import io.trainbus.models.ReferenceModels;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.EvaluationCompleted;
import io.trainbus.proto.v1.JobFailed;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.OptimizerSpec;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingCompleted;
import io.trainbus.proto.v1.TrainingRequest;
import jakarta.inject.Inject;
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
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class EvaluatorServiceTest {

    private static final String EXPERIMENT = "evaluator-test";

    @Inject
    ObjectStore store;

    @TestHTTPResource("/q/metrics")
    URI metrics;

    @Test
    void scoresBestCheckpointAndStoresReport() throws Exception {
        String jobId = "eval-" + UUID.randomUUID();
        TestJob job = TestJobs.upload(store, jobId, EXPERIMENT);

        publish(jobId, job.completed().toByteArray());
        ConsumerRecord<String, byte[]> record = awaitRecord(jobId, Topics.EVALUATIONS, Topics.JOBS_FAILED);

        assertThat(record.topic()).as("topic of the first event of " + jobId + " after training")
                .isEqualTo(Topics.EVALUATIONS);
        EvaluationCompleted evaluation = EvaluationCompleted.parseFrom(record.value());
        Expected expected = job.expected();
        assertThat(evaluation.getJobId()).isEqualTo(jobId);
        assertThat(evaluation.getExperimentId()).isEqualTo("evaluator-test");
        assertThat(evaluation.getModel()).isEqualTo("cnn");
        assertThat(evaluation.getParameters()).isEqualTo(528_054L);
        assertThat(evaluation.getEpochsRun()).isEqualTo(3);
        assertThat(evaluation.getBestEpoch()).isEqualTo(2);
        assertThat(evaluation.getTestCount()).isEqualTo(TEST_COUNT);
        assertThat(evaluation.getTestAccuracy()).isEqualTo(expected.accuracy());
        assertThat(evaluation.getTestLoss()).isCloseTo(expected.loss(), org.assertj.core.data.Offset.offset(1e-4));
        assertThat(evaluation.getTrainingSeconds()).isEqualTo(12.5);
        assertThat(evaluation.getImagesPerSecond()).isEqualTo(321.0);
        assertThat(evaluation.getReport().getKey()).isEqualTo(ObjectKeys.report(jobId));

        byte[] reportBytes = store.getBytes(ObjectKeys.report(jobId));
        assertThat((long) reportBytes.length).isEqualTo(evaluation.getReport().getSizeBytes());
        JsonNode report = Json.MAPPER.readTree(reportBytes);
        assertThat(report.path("job_id").asText()).isEqualTo(jobId);
        assertThat(report.path("model").asText()).isEqualTo("cnn");
        assertThat(report.path("parameters").asLong()).isEqualTo(528_054L);
        assertThat(report.path("epochs_run").asInt()).isEqualTo(3);
        assertThat(report.path("best_epoch").asInt()).isEqualTo(2);
        assertThat(report.path("test_accuracy").asDouble()).isEqualTo(expected.accuracy());
        assertThat(report.path("test_count").asInt()).isEqualTo(TEST_COUNT);
        assertThat(report.path("history_key").asText()).isEqualTo(ObjectKeys.history(jobId));
        assertThat(report.path("request").path("job_id").asText()).isEqualTo(jobId);
        assertThat(report.path("request").path("seed").asLong()).isEqualTo(7);
        assertThat(report.path("class_names")).extracting(JsonNode::asText).containsExactlyElementsOf(CLASS_NAMES);

        JsonNode confusion = report.path("confusion_matrix");
        assertThat(confusion.size()).isEqualTo(10);
        for (int actual = 0; actual < 10; actual++) {
            for (int predicted = 0; predicted < 10; predicted++) {
                assertThat(confusion.get(actual).get(predicted).asInt())
                        .as("confusion[%d][%d]", actual, predicted)
                        .isEqualTo(expected.confusion()[actual][predicted]);
            }
        }
        JsonNode perClass = report.path("per_class");
        assertThat(perClass.size()).isEqualTo(10);
        for (int actual = 0; actual < 10; actual++) {
            JsonNode row = perClass.get(actual);
            int count = java.util.Arrays.stream(expected.confusion()[actual]).sum();
            assertThat(row.path("class_name").asText()).isEqualTo(CLASS_NAMES.get(actual));
            assertThat(row.path("count").asInt()).as("test images of class %d", actual).isEqualTo(count);
            if (count == 0) {
                assertThat(row.path("recall").isNull()).as("recall of empty class %d", actual).isTrue();
            } else {
                assertThat(row.path("recall").asDouble()).as("recall of class %d", actual)
                        .isEqualTo((double) expected.confusion()[actual][actual] / count);
            }
        }

        try (Stream<Path> leftovers = Files.list(Path.of("target/evaluator-work"))) {
            assertThat(leftovers.map(Path::toString)).noneMatch(name -> name.contains(jobId));
        }
        assertThat(get(metrics))
                .contains("trainbus_evaluations_total{model=\"cnn\",outcome=\"completed\"}")
                .contains("trainbus_evaluation_test_accuracy_count{model=\"cnn\"}")
                .contains("trainbus_evaluation_duration_seconds_count{model=\"cnn\"}");
    }

    @Test
    void scoresGrayscaleJobAndDrawsGreyImages() throws Exception {
        String jobId = "fashion-" + UUID.randomUUID();
        TestJob job = TestJobs.upload(store, jobId, EXPERIMENT, DatasetCatalog.FASHION_MNIST);

        publish(jobId, job.completed().toByteArray());
        ConsumerRecord<String, byte[]> record = awaitRecord(jobId, Topics.EVALUATIONS, Topics.JOBS_FAILED);

        assertThat(record.topic()).as("topic of the first event of " + jobId + " after training")
                .isEqualTo(Topics.EVALUATIONS);
        EvaluationCompleted evaluation = EvaluationCompleted.parseFrom(record.value());
        assertThat(evaluation.getParameters()).isEqualTo(303_926L);
        assertThat(evaluation.getTestCount()).isEqualTo(TEST_COUNT);
        assertThat(evaluation.getTestAccuracy()).isEqualTo(job.expected().accuracy());
        assertThat(evaluation.getTestLoss()).isCloseTo(job.expected().loss(),
                org.assertj.core.data.Offset.offset(1e-4));
        assertThat(evaluation.getPicturesList()).extracting(ObjectRef::getKey)
                .contains(ReportKeys.jobPicture(jobId, JobPicture.TRAINING_IMAGES));

        ImageShape shape = DatasetCatalog.FASHION_MNIST.shape();
        int images = JobPictures.GRID_IMAGES;
        BufferedImage grid = assertPicture("grey training images",
                store.getBytes(ReportKeys.jobPicture(jobId, JobPicture.TRAINING_IMAGES)),
                TrainingImageGrid.width(shape, images), TrainingImageGrid.height(shape, images));
        int scale = TrainingImageGrid.scale(shape);
        int cellWidth = TrainingImageGrid.width(shape, 1);
        int cellHeight = (TrainingImageGrid.height(shape, images) - 6) / 3;
        int recordBytes = RecordReader.recordBytes(shape);
        for (int image : new int[] {0, 13, 35}) {
            // The grid starts with the first training record, after the validation records.
            int recordStart = (TestJobs.VALIDATION_SIZE + image) * recordBytes;
            for (int[] pixel : new int[][] {{0, 0}, {14, 9}, {27, 27}}) {
                int expected = job.rawTrainRecords()[recordStart + 1 + shape.index(0, pixel[0], pixel[1])] & 0xff;
                int x = image % TrainingImageGrid.COLUMNS * cellWidth + 6 + pixel[1] * scale + scale / 2;
                int y = image / TrainingImageGrid.COLUMNS * cellHeight + 6 + pixel[0] * scale + scale / 2;
                assertThat(grid.getRGB(x, y) & 0xffffff).as("grey of image %d at row %d, column %d", image,
                        pixel[0], pixel[1]).isEqualTo(expected << 16 | expected << 8 | expected);
            }
        }
    }

    @Test
    void missingCheckpointFailsOnlyItsJob() throws Exception {
        String failingJob = "missing-" + UUID.randomUUID();
        TrainingCompleted broken = TestJobs.upload(store, failingJob, EXPERIMENT).completed();
        String missingKey = broken.getBestCheckpoint().getKey() + ".gone";
        broken = broken.toBuilder()
                .setBestCheckpoint(broken.getBestCheckpoint().toBuilder().setKey(missingKey))
                .build();
        String nextJob = "next-" + UUID.randomUUID();
        TrainingCompleted next = TestJobs.upload(store, nextJob, EXPERIMENT).completed();

        publish(failingJob, broken.toByteArray());
        publish(nextJob, next.toByteArray());

        ConsumerRecord<String, byte[]> failed = awaitRecord(failingJob, Topics.EVALUATIONS, Topics.JOBS_FAILED);
        assertThat(failed.topic()).isEqualTo(Topics.JOBS_FAILED);
        JobFailed failure = JobFailed.parseFrom(failed.value());
        assertThat(failure.getJobId()).isEqualTo(failingJob);
        assertThat(failure.getExperimentId()).isEqualTo("evaluator-test");
        assertThat(failure.getStage()).isEqualTo("evaluator");
        assertThat(failure.getReason()).contains(missingKey).contains("not found");
        assertThat(store.exists(ObjectKeys.report(failingJob))).isFalse();

        ConsumerRecord<String, byte[]> evaluated = awaitRecord(nextJob, Topics.EVALUATIONS, Topics.JOBS_FAILED);
        assertThat(evaluated.topic()).as("topic of the event of the job after the failed one")
                .isEqualTo(Topics.EVALUATIONS);
        assertThat(store.exists(ObjectKeys.report(nextJob))).isTrue();
    }

    @Test
    void garbageRecordFailsWithItsKey() throws Exception {
        String jobId = "garbage-" + UUID.randomUUID();

        publish(jobId, new byte[] {(byte) 0xff, 0x01, 0x02});

        ConsumerRecord<String, byte[]> record = awaitRecord(jobId, Topics.JOBS_FAILED);
        JobFailed failure = JobFailed.parseFrom(record.value());
        assertThat(failure.getJobId()).isEqualTo(jobId);
        assertThat(failure.getStage()).isEqualTo("evaluator");
        assertThat(failure.getReason()).contains("not a binary Protobuf TrainingCompleted");
    }

    @Test
    void picturesAndExperimentReportAreStored() throws Exception {
        String experiment = "pictures-" + UUID.randomUUID();
        String firstJob = experiment + "-a";
        String secondJob = experiment + "-b";
        TrainingCompleted first = TestJobs.upload(store, firstJob, experiment).completed();
        TrainingCompleted second = TestJobs.upload(store, secondJob, experiment).completed();

        publish(firstJob, first.toByteArray());
        EvaluationCompleted firstEvaluation = EvaluationCompleted.parseFrom(
                awaitRecord(firstJob, Topics.EVALUATIONS).value());
        JsonNode afterFirst = Json.MAPPER.readTree(store.getBytes(ReportKeys.experimentReport(experiment)));
        publish(secondJob, second.toByteArray());
        EvaluationCompleted secondEvaluation = EvaluationCompleted.parseFrom(
                awaitRecord(secondJob, Topics.EVALUATIONS).value());

        assertThat(firstEvaluation.getPicturesList()).extracting(ObjectRef::getKey).containsExactly(
                ReportKeys.jobPicture(firstJob, JobPicture.TRAINING_IMAGES),
                ReportKeys.jobPicture(firstJob, JobPicture.ACCURACY_CURVES),
                ReportKeys.jobPicture(firstJob, JobPicture.LOSS_CURVES),
                ReportKeys.jobPicture(firstJob, JobPicture.CONFUSION_MATRIX));
        int grid = JobPictures.GRID_IMAGES;
        assertPicture("training images", store.getBytes(ReportKeys.jobPicture(firstJob, JobPicture.TRAINING_IMAGES)),
                TrainingImageGrid.width(DatasetCatalog.CIFAR_10.shape(), grid),
                TrainingImageGrid.height(DatasetCatalog.CIFAR_10.shape(), grid));
        assertPicture("accuracy curves", store.getBytes(ReportKeys.jobPicture(firstJob, JobPicture.ACCURACY_CURVES)),
                TrainingCurvesChart.WIDTH, TrainingCurvesChart.HEIGHT);
        assertPicture("loss curves", store.getBytes(ReportKeys.jobPicture(firstJob, JobPicture.LOSS_CURVES)),
                TrainingCurvesChart.WIDTH, TrainingCurvesChart.HEIGHT);
        assertPicture("confusion matrix", store.getBytes(ReportKeys.jobPicture(firstJob,
                JobPicture.CONFUSION_MATRIX)), ConfusionMatrixChart.WIDTH, ConfusionMatrixChart.HEIGHT);
        assertPicture("validation accuracy overlay", store.getBytes(ReportKeys.experimentPicture(experiment,
                ExperimentPicture.VALIDATION_ACCURACY)), ValidationAccuracyChart.WIDTH, ValidationAccuracyChart.HEIGHT);

        assertThat(afterFirst.path("jobs_evaluated").asInt()).as("jobs in the report after the first job")
                .isEqualTo(1);
        assertThat(secondEvaluation.getExperimentReport().getKey())
                .isEqualTo(ReportKeys.experimentReport(experiment));
        JsonNode comparison = Json.MAPPER.readTree(store.getBytes(ReportKeys.experimentReport(experiment)));
        assertThat(comparison.path("experiment_id").asText()).isEqualTo(experiment);
        assertThat(comparison.path("jobs_evaluated").asInt()).isEqualTo(2);
        assertThat(comparison.path("jobs_failed").asInt()).isZero();
        assertThat(comparison.path("jobs")).extracting(row -> row.path("job_id").asText())
                .containsExactly(firstJob, secondJob);
        JsonNode row = comparison.path("jobs").get(1);
        assertThat(row.path("state").asText()).isEqualTo("evaluated");
        assertThat(row.path("model").asText()).isEqualTo("cnn");
        assertThat(row.path("parameters").asLong()).isEqualTo(528_054L);
        assertThat(row.path("epochs_run").asInt()).isEqualTo(3);
        assertThat(row.path("best_epoch").asInt()).isEqualTo(2);
        assertThat(row.path("test_accuracy").asDouble()).isEqualTo(secondEvaluation.getTestAccuracy());
        assertThat(row.path("training_seconds").asDouble()).isEqualTo(12.5);
        assertThat(row.path("images_per_second").asDouble()).isEqualTo(321.0);
        assertThat(row.path("report_key").asText()).isEqualTo(ObjectKeys.report(secondJob));
    }

    @Test
    void failedJobJoinsExperimentReport() throws Exception {
        String experiment = "failures-" + UUID.randomUUID();
        String jobId = experiment + "-cnn";

        TestJobs.publish(Topics.JOBS_FAILED, jobId, JobFailed.newBuilder().setJobId(jobId)
                .setExperimentId(experiment).setStage("trainer").setReason("Out of memory: raise maxbytes")
                .build().toByteArray());

        JsonNode comparison = awaitJson(ReportKeys.experimentReport(experiment));
        assertThat(comparison.path("jobs_evaluated").asInt()).isZero();
        assertThat(comparison.path("jobs_failed").asInt()).isEqualTo(1);
        assertThat(comparison.path("best_job_id").isNull()).as("best job without evaluated jobs").isTrue();
        JsonNode row = comparison.path("jobs").get(0);
        assertThat(row.path("job_id").asText()).isEqualTo(jobId);
        assertThat(row.path("state").asText()).isEqualTo("failed");
        assertThat(row.path("failed_stage").asText()).isEqualTo("trainer");
        assertThat(row.path("failure_reason").asText()).isEqualTo("Out of memory: raise maxbytes");
        assertThat(row.path("test_accuracy").isNull()).as("test accuracy of a failed job").isTrue();
    }

    /** Returns a JSON object once it exists in the store, failing after {@link TestJobs#TIMEOUT}. */
    private JsonNode awaitJson(String key) throws Exception {
        long deadline = System.nanoTime() + TestJobs.TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (store.exists(key)) {
                return Json.MAPPER.readTree(store.getBytes(key));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No object " + key + " within " + TestJobs.TIMEOUT);
    }

    private static void publish(String jobId, byte[] value) throws Exception {
        TestJobs.publish(Topics.TRAINING_COMPLETED, jobId, value);
    }

    private static String get(URI uri) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
