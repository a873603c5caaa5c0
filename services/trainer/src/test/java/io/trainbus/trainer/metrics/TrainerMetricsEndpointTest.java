package io.trainbus.trainer.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.localstack.LocalStackTestResource;
import io.trainbus.models.EpochResult;
import io.trainbus.models.Score;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Drives the trainer's {@link TrainingMetrics} bean as the job handler does and reads the figures back from the
 * Prometheus endpoint, so that the registry, the exporter and the configured limits are the service's own.
 */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class TrainerMetricsEndpointTest {

    /** Jobs beyond {@code trainbus.trainer.metrics-jobs-kept} (50 by default), so that the limit is reached. */
    private static final int JOBS = 120;

    @Inject
    TrainingMetrics metrics;

    @TestHTTPResource("/q/metrics")
    URI endpoint;

    @Test
    void gaugesReportAfterGarbageCollection() throws Exception {
        String jobId = "gc-probe";
        metrics.jobStarted(jobId);
        metrics.recordEpoch(jobId, "mlp", epoch(4, 0.75, 0.5), 32);
        String before = scrape();

        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(50);
        }
        String after = scrape();

        for (String line : List.of(
                "trainbus_training_loss{job_id=\"gc-probe\",model=\"mlp\"} 0.75",
                "trainbus_validation_loss{job_id=\"gc-probe\",model=\"mlp\"} 0.5",
                "trainbus_training_epoch{job_id=\"gc-probe\",model=\"mlp\"} 4.0",
                "trainbus_training_learning_rate{job_id=\"gc-probe\",model=\"mlp\"} 0.001",
                "trainbus_training_epoch_duration_seconds{job_id=\"gc-probe\",model=\"mlp\"} 3.0",
                "trainbus_training_images_per_second{job_id=\"gc-probe\",model=\"mlp\"} 400.0")) {
            assertThat(before).as("before garbage collection").contains(line);
            assertThat(after).as("after garbage collection").contains(line);
        }
        assertThat(trainbusLines(after)).as("trainbus series reporting NaN").noneMatch(line -> line.endsWith("NaN"));
        assertThat(after).contains("trainbus_messages_in_progress{topic=\"trainbus.datasets.prepared\"}")
                .contains("trainbus_jobs_total{outcome=\"failed\",stage=\"trainer\"}")
                .contains("trainbus_object_store_errors_total{operation=\"get\"}");
        metrics.jobEnded(jobId, TrainingMetrics.Outcome.COMPLETED);
    }

    @Test
    void manyJobsKeepSeriesCountFlat() throws Exception {
        int[] seriesAfter = new int[2];

        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < JOBS; i++) {
                String jobId = "flat-" + round + "-" + i;
                metrics.jobStarted(jobId);
                metrics.recordEpoch(jobId, "cnn", epoch(1, 2.0, 2.1), 64);
                metrics.jobEnded(jobId, TrainingMetrics.Outcome.COMPLETED);
            }
            seriesAfter[round] = jobSeries(scrape());
        }

        assertThat(seriesAfter[0]).as("per-job series after %d jobs", JOBS).isPositive()
                .isLessThanOrEqualTo(50 * 8);
        assertThat(seriesAfter[1]).as("per-job series after %d more jobs", JOBS).isEqualTo(seriesAfter[0]);
        assertThat(metrics.jobsWithSeries()).isLessThanOrEqualTo(50);
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoint).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET " + endpoint).isEqualTo(200);
        return response.body();
    }

    private static List<String> trainbusLines(String metricsText) {
        return metricsText.lines().filter(line -> line.startsWith("trainbus_")).toList();
    }

    private static int jobSeries(String metricsText) {
        return (int) trainbusLines(metricsText).stream().filter(line -> line.contains("job_id=")).count();
    }

    private static EpochResult epoch(int epoch, double loss, double valLoss) {
        Score validation = new Score(valLoss, 0.5, 10, new int[10][10]);
        return new EpochResult(epoch, 5, loss, 0.5, validation, 3.0, 400.0, true, 0.001);
    }
}
