package io.trainbus.evaluator;

import static io.trainbus.evaluator.TestJobs.awaitRecord;
import static io.trainbus.evaluator.pictures.PngAssertions.assertPicture;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.messaging.Topics;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.evaluator.jobs.JobEventReplay;
import io.trainbus.evaluator.jobs.JobRegistry;
import io.trainbus.evaluator.jobs.JobState;
import io.trainbus.evaluator.jobs.JobTracking;
import io.trainbus.evaluator.jobs.JobView;
import io.trainbus.evaluator.pictures.ConfusionMatrixChart;
import io.trainbus.evaluator.pictures.JobPictures;
import io.trainbus.evaluator.pictures.TrainingCurvesChart;
import io.trainbus.evaluator.pictures.TrainingImageGrid;
import io.trainbus.evaluator.pictures.ValidationAccuracyChart;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.TrainingCompleted;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class ReadApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    ObjectStore store;

    @Inject
    JobTracking tracking;

    @TestHTTPResource("/")
    URI base;

    @Test
    void evaluatedJobIsServedAndRebuilt() throws Exception {
        String experiment = "api-" + UUID.randomUUID();
        String jobId = experiment + "-cnn";
        TrainingCompleted completed = TestJobs.upload(store, jobId, experiment).completed();
        TestJobs.publish(Topics.REQUESTS, jobId, ("{\"jobId\": \"" + jobId + "\", \"experimentId\": \"" + experiment
                + "\", \"model\": \"cnn\", \"epochs\": 3}").getBytes(StandardCharsets.UTF_8));
        for (int epoch = 1; epoch <= 3; epoch++) {
            TestJobs.publish(Topics.TRAINING_EPOCHS, jobId, EpochCompleted.newBuilder().setJobId(jobId)
                    .setExperimentId(experiment).setModel("cnn").setEpoch(epoch).setEpochs(3).setLoss(2.4 - epoch / 10.0)
                    .setValAccuracy(0.1 + epoch / 100.0).setBestReplaced(epoch == 2).build().toByteArray());
        }
        TestJobs.publish(Topics.TRAINING_COMPLETED, jobId, completed.toByteArray());
        awaitRecord(jobId, Topics.EVALUATIONS);

        JsonNode job = awaitJobState(jobId, JobState.EVALUATED).path("job");
        assertThat(job.path("experiment_id").asText()).isEqualTo(experiment);
        assertThat(job.path("model").asText()).isEqualTo("cnn");
        assertThat(job.path("epochs_planned").asInt()).isEqualTo(3);
        assertThat(job.path("epochs")).extracting(epoch -> epoch.path("epoch").asInt()).containsExactly(1, 2, 3);
        assertThat(job.path("epochs").get(1).path("best_replaced").asBoolean()).isTrue();
        assertThat(job.path("best_epoch").asInt()).isEqualTo(2);
        assertThat(job.path("test_accuracy").isNumber()).as("test_accuracy of %s", job).isTrue();

        JsonNode report = json(get("/api/jobs/" + jobId + "/report"));
        assertThat(report.path("job_id").asText()).isEqualTo(jobId);
        assertThat(report.path("per_class").size()).isEqualTo(10);
        JsonNode pictures = json(get("/api/jobs/" + jobId + "/pictures"));
        assertThat(pictures).extracting(picture -> picture.path("name").asText()).containsExactly(
                "training-images", "accuracy-curves", "loss-curves", "confusion-matrix");
        assertPicture("training images", png(pictures.get(0).path("url").asText()),
                TrainingImageGrid.width(CifarFormat.SHAPE, JobPictures.GRID_IMAGES),
                TrainingImageGrid.height(CifarFormat.SHAPE, JobPictures.GRID_IMAGES));
        assertPicture("accuracy curves", png(pictures.get(1).path("url").asText()), TrainingCurvesChart.WIDTH,
                TrainingCurvesChart.HEIGHT);
        assertPicture("loss curves", png(pictures.get(2).path("url").asText()), TrainingCurvesChart.WIDTH,
                TrainingCurvesChart.HEIGHT);
        assertPicture("confusion matrix", png("/api/jobs/" + jobId + "/pictures/confusion-matrix.png"),
                ConfusionMatrixChart.WIDTH, ConfusionMatrixChart.HEIGHT);

        JsonNode experimentBody = json(get("/api/experiments/" + experiment));
        assertThat(experimentBody.path("job_count").asInt()).isEqualTo(1);
        assertThat(experimentBody.path("ended").asBoolean()).isTrue();
        assertThat(experimentBody.path("jobs").get(0).path("state").asText()).isEqualTo("evaluated");
        assertThat(json(get(experimentBody.path("report_url").asText())).path("jobs_evaluated").asInt())
                .isEqualTo(1);
        assertPicture("validation accuracy overlay", png(experimentBody.path("pictures").get(0).path("url")
                .asText()), ValidationAccuracyChart.WIDTH, ValidationAccuracyChart.HEIGHT);
        assertThat(json(get("/api/experiments"))).extracting(row -> row.path("experiment_id").asText())
                .contains(experiment);

        // A restart keeps nothing but what Kafka holds: a new registry replayed from the topics must match.
        JobView served = tracking.registry().job(jobId).orElseThrow();
        JobRegistry rebuilt = new JobRegistry();
        try (JobEventReplay replay = new JobEventReplay(LocalStackTestResource.current().bootstrapServers(),
                rebuilt)) {
            replay.start();
            assertThat(replay.awaitCaughtUp(TestJobs.TIMEOUT)).as("replay caught up").isTrue();
        }
        assertThat(rebuilt.job(jobId)).as("job %s after the replay", jobId).contains(served);
    }

    @Test
    void unknownIdsAreNotFound() throws Exception {
        String jobId = "missing-" + UUID.randomUUID();

        HttpResponse<String> job = get("/api/jobs/" + jobId);
        HttpResponse<String> report = get("/api/jobs/" + jobId + "/report");
        HttpResponse<String> experiment = get("/api/experiments/" + jobId);

        assertThat(job.statusCode()).isEqualTo(404);
        assertThat(json(job).path("error").asText()).contains("Job " + jobId + " not found");
        assertThat(report.statusCode()).isEqualTo(404);
        assertThat(json(report).path("error").asText()).contains("No report of job " + jobId);
        assertThat(experiment.statusCode()).isEqualTo(404);
        assertThat(json(experiment).path("error").asText()).contains("Experiment " + jobId + " not found");
    }

    @Test
    void unknownPictureNameListsNames() throws Exception {
        HttpResponse<String> response = get("/api/jobs/j1/pictures/histogram");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).path("error").asText()).contains("'histogram'").contains("loss-curves");
    }

    @Test
    void invalidIdsAreRejected() throws Exception {
        // Encoded so that the HTTP layer passes them to the resource as one path segment.
        for (String id : new String[] {"...", "bad%20id", "a%2Fb", "x".repeat(65)}) {
            HttpResponse<String> report = get("/api/jobs/" + id + "/report");
            HttpResponse<String> picture = get("/api/experiments/" + id + "/pictures/validation-accuracy");

            assertThat(report.statusCode()).as("status of the report of job %s", id).isEqualTo(400);
            assertThat(json(report).path("error").asText()).as("error for job %s", id).contains("Invalid job id");
            assertThat(picture.statusCode()).as("status of a picture of experiment %s", id).isEqualTo(400);
        }
    }

    @Test
    void parentSegmentsReachNoResource() throws Exception {
        // The HTTP layer decodes and removes "..", so the request names another path, which does not exist.
        HttpResponse<String> response = get("/api/jobs/%2E%2E/report");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.body()).doesNotContain("job_id");
    }

    @Test
    void traversalIsRejectedBeforeStoreIsCalled() throws Exception {
        // Each value is one encoded path segment; the HTTP layer decodes it into the path parameter.
        Map<String, String> ids = new LinkedHashMap<>();
        ids.put("..%2F..%2Fjobs%2Fother", "contains a path separator");
        ids.put("%2Fjobs%2Fother", "contains a path separator");
        ids.put("a%5C..%5Cb", "contains a path separator");
        ids.put("bad%0Aid", "contains control characters");
        ids.put("%00", "contains control characters");
        ids.put("...", "is only dots");
        Map<String, String> pictureNames = new LinkedHashMap<>();
        pictureNames.put("..%2Freport.json", "contains a path separator");
        pictureNames.put("accuracy-curves%0D%0A", "contains control characters");
        pictureNames.put("...", "is only dots");
        pictureNames.put("Accuracy-Curves", "contains a character that is not allowed");
        double storeCallsBefore = awaitQuietStore();

        for (Map.Entry<String, String> id : ids.entrySet()) {
            for (String path : List.of("/api/jobs/%s", "/api/jobs/%s/report", "/api/jobs/%s/pictures",
                    "/api/jobs/%s/pictures/loss-curves", "/api/experiments/%s", "/api/experiments/%s/report",
                    "/api/experiments/%s/pictures/validation-accuracy")) {
                assertRejected(path.formatted(id.getKey()), id.getValue());
            }
        }
        for (Map.Entry<String, String> name : pictureNames.entrySet()) {
            assertRejected("/api/jobs/j1/pictures/" + name.getKey(), name.getValue());
            assertRejected("/api/experiments/e1/pictures/" + name.getKey(), name.getValue());
        }

        assertThat(storeCalls()).as("object-store calls during the rejected requests").isEqualTo(storeCallsBefore);
    }

    private void assertRejected(String path, String problem) throws Exception {
        HttpResponse<String> response = get(path);

        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(400);
        String error = json(response).path("error").asText();
        assertThat(error).as("error of %s", path).contains(problem).contains("must be 1 to 64");
        assertThat(error).as("error of %s repeats no control character", path).doesNotContain("\n", "\r", "\0");
    }

    /** Waits until no object-store call happens for half a second, then returns the count of calls so far. */
    private double awaitQuietStore() throws Exception {
        double previous = -1;
        for (int attempt = 0; attempt < 120; attempt++) {
            double current = storeCalls();
            if (current == previous) {
                return current;
            }
            previous = current;
            Thread.sleep(500);
        }
        throw new AssertionError("The evaluator kept calling the object store for a minute");
    }

    /** Sums the successful and failed object-store calls that the evaluator counts on /q/metrics. */
    private double storeCalls() throws Exception {
        double total = 0;
        for (String line : get("/q/metrics").body().lines().toList()) {
            if (line.startsWith("trainbus_object_store_operation_duration_seconds_count")
                    || line.startsWith("trainbus_object_store_errors_total")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }

    /** Polls the job until it reaches the state, failing after {@link TestJobs#TIMEOUT}. */
    private JsonNode awaitJobState(String jobId, JobState state) throws Exception {
        long deadline = System.nanoTime() + TestJobs.TIMEOUT.toNanos();
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/jobs/" + jobId);
            if (response.statusCode() == 200) {
                body = json(response);
                if (body.path("job").path("state").asText().equals(state.jsonName())) {
                    return body;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Job " + jobId + " did not reach " + state + " within " + TestJobs.TIMEOUT
                + "; last response " + body);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private byte[] png(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).as("type of %s", path).contains("image/png");
        return response.body();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return Json.MAPPER.readTree(response.body());
    }
}
