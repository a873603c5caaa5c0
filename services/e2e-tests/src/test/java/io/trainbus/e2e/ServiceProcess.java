package io.trainbus.e2e;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Quarkus service running as a separate JVM, with its standard output and error in a log file and
 * its HTTP server on a port of 127.0.0.1.
 */
public final class ServiceProcess {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();

    private final String name;
    private final Process process;
    private final int httpPort;
    private final Path log;

    private ServiceProcess(String name, Process process, int httpPort, Path log) {
        this.name = name;
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts {@code java <jvmFlags> -jar <jar>} with extra environment variables and {@code QUARKUS_HTTP_PORT}.
     *
     * @param name service name, used in messages
     * @param jar the service's {@code quarkus-run.jar}
     * @param jvmFlags flags placed before {@code -jar}
     * @param environment variables added to this JVM's environment
     * @param httpPort port of the service's HTTP server
     * @param log file that receives standard output and error, replaced if it exists
     * @return the started service
     * @throws IOException when the jar is missing or the process cannot be started
     */
    public static ServiceProcess start(String name, Path jar, List<String> jvmFlags, Map<String, String> environment,
            int httpPort, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("The " + name + " jar " + jar + " was not found: package the services first, for"
                    + " example with `mvn -B -DskipTests package` in the checkout");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(httpPort));
        return new ServiceProcess(name, builder.start(), httpPort, log);
    }

    public String name() {
        return name;
    }

    public int httpPort() {
        return httpPort;
    }

    /**
     * Polls {@code /q/health/ready} until it returns HTTP 200 with status UP.
     *
     * @param timeout how long to wait
     * @throws IllegalStateException when the process exits first or the timeout expires, with the log's last lines
     * @throws InterruptedException when the wait is interrupted
     */
    public void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastResponse = "no response yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The " + name + " process exited with code " + process.exitValue()
                        + " before it was ready. Last lines of " + log + ":\n" + logTail(40));
            }
            try {
                HttpResponse<String> response = get("/q/health/ready");
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
                lastResponse = "HTTP " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
            } catch (ConnectException e) {
                lastResponse = "connection refused";
            } catch (IOException e) {
                lastResponse = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + name
                + " to report ready on port " + httpPort + " (last response: " + lastResponse + "). Last lines of "
                + log + ":\n" + logTail(40));
    }

    /**
     * Sends a GET request to the service.
     *
     * @param path absolute path, for example {@code /q/metrics}
     * @return the response with its body as text
     * @throws IOException when the request fails
     * @throws InterruptedException when the wait is interrupted
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(HTTP_TIMEOUT)
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Returns the last lines of the service's log.
     *
     * @param lines maximum number of lines
     * @return the lines joined by newlines, or a note when the log cannot be read
     */
    public String logTail(int lines) {
        try {
            // Decoded leniently: a log line that is not UTF-8 must not hide the others.
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log " + log + " cannot be read: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the service: SIGTERM, a wait of up to {@code grace}, then SIGKILL.
     *
     * @param grace how long the service may take to shut down after SIGTERM
     * @return true when the process exited within the grace period
     * @throws InterruptedException when the wait is interrupted
     */
    public boolean stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            return true;
        }
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
        return false;
    }

    /** Sends SIGKILL without waiting; for shutdown hooks, where no time is left for a clean stop. */
    public void kill() {
        process.destroyForcibly();
    }

    /**
     * Sends SIGKILL and waits until the process has exited, as a crash would end it: no shutdown hook runs.
     *
     * @throws InterruptedException when the wait is interrupted
     */
    public void killAndWait() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /**
     * Waits until the service's log contains a text. Polls every 20 ms, so that a fault can follow the line closely.
     *
     * @param text the text to find, for example a job id and the start of a log message
     * @param timeout how long to wait
     * @throws IllegalStateException when the timeout expires or the process exits first, with the log's last lines
     * @throws InterruptedException when the wait is interrupted
     */
    public void awaitLog(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (logContains(text)) {
                return;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("The " + name + " log " + log + " did not show \"" + text + "\" within "
                + timeout.toSeconds() + " s (process alive: " + process.isAlive() + "). Last lines:\n" + logTail(40));
    }

    /** Returns true when the service's log contains a text; false when the log cannot be read yet. */
    public boolean logContains(String text) {
        try {
            return new String(Files.readAllBytes(log), StandardCharsets.UTF_8).contains(text);
        } catch (IOException e) {
            return false;
        }
    }
}
