package io.trainbus.cli.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.cli.report.ReadApiClient;
import io.trainbus.cli.report.ReportDownload;

/**
 * Copies the reports and pictures of a local run's experiment out of the evaluator before the run stops it, and
 * prints where they are.
 */
final class RunReports {

    /**
     * How long to wait for the evaluator's job list to show every job as ended. The evaluator writes the reports
     * before it publishes the last event the run waits for, so only its job list, read from Kafka, can lag.
     */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration POLL = Duration.ofMillis(500);

    private final ReadApiClient api;

    /**
     * @param api the evaluator's read API
     */
    RunReports(ReadApiClient api) {
        this.api = api;
    }

    /**
     * Waits until the experiment has ended in the evaluator's view, downloads it and prints every file.
     *
     * @param experimentId the run's experiment
     * @param jobs how many jobs the run submitted
     * @param out the parent folder, for example {@code .trainbus/reports}
     * @param stdout where the paths go
     * @return the written files
     * @throws ReadApiClient.ApiException when the API fails
     * @throws IOException when a file cannot be written
     * @throws InterruptedException when the wait is interrupted
     */
    List<Path> download(String experimentId, int jobs, Path out, PrintWriter stdout)
            throws ReadApiClient.ApiException, IOException, InterruptedException {
        awaitEnded(experimentId, jobs);
        List<Path> written = new ReportDownload(api).experiment(experimentId, out);
        stdout.println();
        stdout.printf("Reports and pictures of experiment %s (open the .png files in any image viewer):%n",
                experimentId);
        for (Path file : written) {
            stdout.println("  " + file.toAbsolutePath());
        }
        stdout.flush();
        return written;
    }

    /** Polls the experiment until all its jobs have ended; after the timeout, downloads whatever is there. */
    private void awaitEnded(String experimentId, int jobs) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                JsonNode experiment = api.json("/api/experiments/" + experimentId);
                if (experiment.path("ended").asBoolean() && experiment.path("job_count").asInt() >= jobs) {
                    return;
                }
            } catch (ReadApiClient.ApiException e) {
                // 404 until the evaluator has read the first event of the experiment; keep polling.
            }
            Thread.sleep(POLL.toMillis());
        }
    }
}
