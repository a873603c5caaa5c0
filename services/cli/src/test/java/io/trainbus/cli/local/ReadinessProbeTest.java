package io.trainbus.cli.local;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReadinessProbeTest {

    @TempDir
    Path dir;

    private final ProcessSupervisor supervisor = new ProcessSupervisor(Duration.ofSeconds(5));
    private HttpServer server;
    private final AtomicInteger calls = new AtomicInteger();

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        // DOWN for the first two calls, then UP, like a service whose Kafka connection comes up late.
        server.createContext("/q/health/ready", exchange -> {
            boolean up = calls.incrementAndGet() > 2;
            byte[] body = ("{\"status\": \"" + (up ? "UP" : "DOWN") + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        supervisor.stopAll();
    }

    private ManagedProcess runningProcess() throws LocalRunException {
        return supervisor.start("svc", List.of("sleep", "60"), Map.of(), dir, dir.resolve("svc.log"));
    }

    @Test
    void waitsUntilServiceReportsUp() throws Exception {
        ManagedProcess service = runningProcess();

        assertThatCode(() -> new ReadinessProbe().awaitReady(service, server.getAddress().getPort(),
                Duration.ofSeconds(30))).doesNotThrowAnyException();
    }

    @Test
    void timeoutNamesServiceAndLastAnswer() throws Exception {
        ManagedProcess service = runningProcess();
        int closedPort = LocalPipeline.freePort();

        assertThatThrownBy(() -> new ReadinessProbe().awaitReady(service, closedPort, Duration.ofSeconds(2)))
                .isInstanceOf(LocalRunException.class)
                .hasMessageContaining("waiting for svc to be ready at http://127.0.0.1:" + closedPort)
                .hasMessageContaining("Last lines of " + service.log());
    }

    @Test
    void exitedServiceIsReportedWithExitCode() throws Exception {
        ManagedProcess service = supervisor.start("svc", List.of("sh", "-c", "echo 'boot failed'; exit 1"),
                Map.of(), dir, dir.resolve("svc.log"));
        service.process().waitFor();

        assertThatThrownBy(() -> new ReadinessProbe().awaitReady(service, server.getAddress().getPort(),
                Duration.ofSeconds(30)))
                .isInstanceOf(LocalRunException.class)
                .hasMessageContaining("svc process exited with code 1")
                .hasMessageContaining("boot failed");
    }
}
