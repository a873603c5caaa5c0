package io.trainbus.cli.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Waits until a Quarkus service reports ready on {@code /q/health/ready}. */
public final class ReadinessProbe {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MS = 500;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    /**
     * Polls the readiness endpoint until it returns HTTP 200 with status UP.
     *
     * @param service the service's process
     * @param httpPort the service's HTTP port on 127.0.0.1
     * @param timeout how long to wait
     * @throws LocalRunException when the process exits first or the timeout expires, with the log's tail
     * @throws InterruptedException when the wait is interrupted
     */
    public void awaitReady(ManagedProcess service, int httpPort, Duration timeout)
            throws LocalRunException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (true) {
            if (!service.process().isAlive()) {
                throw new LocalRunException(service.exitedMessage(uri + " reported UP"));
            }
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + ": " + response.body().replaceAll("\\s+", " ");
            } catch (IOException e) {
                // Connection refused while the service starts; keep polling.
                lastAnswer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new LocalRunException("Timed out after " + timeout.toSeconds() + " s waiting for "
                        + service.name() + " to be ready at " + uri + " (last answer: " + lastAnswer
                        + "). Last lines of " + service.log() + ":\n" + LogFiles.tail(service.log(),
                                LogFiles.TAIL_LINES));
            }
            Thread.sleep(POLL_MS);
        }
    }
}
