package io.trainbus.e2e;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.messaging.Json;

/**
 * A Prometheus server started from its binary on a free port of 127.0.0.1, with its own configuration and data
 * folder, that scrapes the given {@code /q/metrics} endpoints. It is never a system service: {@link #close} stops
 * the process this class started.
 */
final class PrometheusServer implements AutoCloseable {

    /** System property that names the binary; without it the binary is looked up on PATH. */
    static final String BINARY_PROPERTY = "trainbus.prometheus";
    private static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** @return the Prometheus binary named by {@value #BINARY_PROPERTY} or found on PATH, if any */
    static Optional<Path> findBinary() {
        String configured = System.getProperty(BINARY_PROPERTY, "").strip();
        if (!configured.isEmpty()) {
            return Optional.of(Path.of(configured)).filter(Files::isExecutable);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Writes a configuration that scrapes each target every second and starts Prometheus with it.
     *
     * @param binary the {@code prometheus} executable
     * @param folder folder for the configuration, the data and the log; emptied first
     * @param port free port of 127.0.0.1 for Prometheus' HTTP API
     * @param targets {@code host:port} of each service's HTTP server, by service name
     * @return the running server
     */
    static PrometheusServer start(Path binary, Path folder, int port, Map<String, String> targets)
            throws IOException {
        FolderTrees.delete(folder);
        Files.createDirectories(folder.resolve("data"));
        Path config = folder.resolve("prometheus.yml");
        Files.writeString(config, configuration(targets));
        Path log = folder.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + folder.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new PrometheusServer(process, port, log);
    }

    private static String configuration(Map<String, String> targets) {
        String jobs = targets.entrySet().stream()
                .map(target -> """
                          - job_name: %s
                            metrics_path: /q/metrics
                            static_configs:
                              - targets: ["%s"]
                                labels:
                                  service: %s
                        """.formatted(target.getKey(), target.getValue(), target.getKey()))
                .collect(Collectors.joining());
        return "global:\n  scrape_interval: " + SCRAPE_INTERVAL.toSeconds() + "s\nscrape_configs:\n" + jobs;
    }

    /** Waits until {@code /-/ready} returns 200, failing early when the process exits. */
    void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Prometheus exited with code " + process.exitValue() + "; its log "
                        + log + " ends with:\n" + logTail());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // Polled again below until the deadline.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Prometheus was not ready within " + timeout + "; its log " + log
                + " ends with:\n" + logTail());
    }

    /**
     * Evaluates an instant query through {@code /api/v1/query}.
     *
     * @param promql the query
     * @return the parsed response: {@code status} is {@code success} or {@code error} with {@code error} set
     */
    JsonNode query(String promql) throws IOException, InterruptedException {
        HttpResponse<String> response = get("/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        return Json.MAPPER.readTree(response.body());
    }

    /** @return the health of each scrape target, as {@code /api/v1/targets} reports it */
    JsonNode targets() throws IOException, InterruptedException {
        return Json.MAPPER.readTree(get("/api/v1/targets").body());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
