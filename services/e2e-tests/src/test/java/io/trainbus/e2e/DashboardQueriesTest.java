package io.trainbus.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.messaging.Topics;
import io.trainbus.localstack.LocalStack;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Verifies the Grafana dashboard against real data: starts the four packaged services and a real Prometheus
 * server that scrapes them every second, runs one tiny MLP job, then evaluates every panel query through
 * Prometheus' HTTP API. A query fails the test when Prometheus rejects it or when it returns no sample with a
 * number. Skipped, with a message, only when no {@code prometheus} binary is installed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesTest {

    private static final String DASHBOARD = "deploy/monitoring/grafana/dashboards/trainbus.json";
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(10);
    /**
     * How long queries are retried until they return data. Micrometer registers new Kafka client metrics (the
     * per-partition consumer lag) on a 60 s refresh, so some series appear up to a minute after a consumer's first
     * fetch.
     */
    private static final Duration DATA_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final String jobId = "dashboard-" + UUID.randomUUID();
    private final List<ServiceProcess> services = new ArrayList<>();
    private Path home;
    private LocalStack stack;
    private PrometheusServer prometheus;

    @BeforeAll
    void runJobWhilePrometheusScrapes() throws Exception {
        Path binary = PrometheusServer.findBinary().orElse(null);
        Assumptions.assumeTrue(binary != null, "Skipped: no prometheus binary on PATH. Install Debian's prometheus"
                + " package (apt-get install prometheus; .ci/run does) or point -D" + PrometheusServer.BINARY_PROPERTY
                + " at the binary.");
        home = Path.of(System.getProperty("trainbus.home", "").strip()).toAbsolutePath().normalize();
        Path cifar10 = Path.of(System.getProperty("trainbus.test.cifar10", "").strip());
        assertThat(cifar10).as("CIFAR-10 archive (system property trainbus.test.cifar10)").isRegularFile();
        Path target = home.resolve("services/e2e-tests/target/dashboard");
        FolderTrees.delete(target.resolve("stack"));
        stack = LocalStack.start(new LocalStack.Options(0, 0, target.resolve("stack"), "dashboard-access",
                UUID.randomUUID().toString(), 2));

        Map<String, String> environment = new LinkedHashMap<>(stack.serviceEnvironment());
        environment.put("TRAINBUS_INGESTION_CIFAR10_SOURCE", cifar10.toAbsolutePath().toString());
        environment.put("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", cifar10.toAbsolutePath().toString());
        environment.put("TRAINBUS_INGESTION_CACHE_DIR", target.resolve("work/ingestion-cache").toString());
        environment.put("TRAINBUS_TRAINER_WORK_DIR", target.resolve("work/trainer").toString());
        environment.put("TRAINBUS_EVALUATOR_WORK_DIR", target.resolve("work/evaluator").toString());
        Map<String, String> scrapeTargets = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> service : PipelineServices.JVM_FLAGS.entrySet()) {
            String name = service.getKey();
            Path app = AppSnapshot.take(home.resolve("services").resolve(name).resolve("target/quarkus-app"),
                    target.resolve("apps").resolve(name));
            int port = LocalStack.freePort();
            services.add(ServiceProcess.start(name, app.resolve("quarkus-run.jar"), service.getValue(), environment,
                    port, target.resolve("logs").resolve(name + ".log")));
            scrapeTargets.put(name, "127.0.0.1:" + port);
        }
        prometheus = PrometheusServer.start(binary, target.resolve("prometheus"), LocalStack.freePort(),
                scrapeTargets);
        prometheus.awaitReady(READY_TIMEOUT);
        for (ServiceProcess service : services) {
            service.awaitReady(READY_TIMEOUT);
        }

        publishRequest();
        List<ConsumerRecord<String, byte[]>> events = JobEvents.collect(stack.bootstrapServers(), jobId,
                List.of(Topics.EVALUATIONS, Topics.JOBS_FAILED), Set.of(Topics.EVALUATIONS, Topics.JOBS_FAILED),
                JOB_TIMEOUT);
        assertThat(events).extracting(ConsumerRecord::topic).as("final event of job %s", jobId)
                .containsExactly(Topics.EVALUATIONS);
    }

    private void publishRequest() throws Exception {
        String request = """
                {"jobId": "%s", "experimentId": "dashboard", "model": "mlp", "epochs": 2,
                 "dataset": {"name": "cifar-10", "trainLimit": 600, "validationSize": 100, "testLimit": 100}}
                """.formatted(jobId);
        PipelineServices.publishRequest(stack.bootstrapServers(), jobId, request);
    }

    @AfterAll
    void stopEverything() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        PipelineServices.stopAll(services, STOP_GRACE);
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void prometheusScrapesEveryService() throws Exception {
        JsonNode targets = prometheus.targets().path("data").path("activeTargets");

        assertThat(targets.size()).as("scrape targets").isEqualTo(PipelineServices.JVM_FLAGS.size());
        for (JsonNode target : targets) {
            assertThat(target.path("health").asText()).as("health of " + target.path("scrapeUrl").asText()
                    + ", last error: " + target.path("lastError").asText()).isEqualTo("up");
        }
    }

    @Test
    void everyPanelQueryReturnsData() throws Exception {
        // $__range and $__rate_interval get values that cover the whole test run at a 1 s scrape interval.
        List<DashboardQueries.Query> queries = DashboardQueries.read(home.resolve(DASHBOARD),
                Map.of("job_id", jobId, "__range", "1h", "__rate_interval", "1m", "__interval", "15s"));
        assertThat(queries).as("queries in " + DASHBOARD).isNotEmpty();

        Map<DashboardQueries.Query, String> problems = new LinkedHashMap<>();
        long deadline = System.nanoTime() + DATA_TIMEOUT.toNanos();
        do {
            problems.clear();
            for (DashboardQueries.Query query : queries) {
                String problem = problem(prometheus.query(query.expr()));
                if (problem != null) {
                    problems.put(query, problem);
                }
            }
            if (!problems.isEmpty()) {
                Thread.sleep(2000);
            }
        } while (!problems.isEmpty() && System.nanoTime() < deadline);

        assertThat(problems).as("panel queries that failed or returned no data, after waiting up to "
                + DATA_TIMEOUT).isEmpty();
    }

    /** @return why a query response is unusable, or null when it contains at least one sample with a number */
    private static String problem(JsonNode response) {
        if (!"success".equals(response.path("status").asText())) {
            return "invalid: " + response.path("errorType").asText() + " " + response.path("error").asText();
        }
        for (JsonNode series : response.path("data").path("result")) {
            String value = series.path("value").path(1).asText();
            if (!value.isEmpty() && !"NaN".equals(value)) {
                return null;
            }
        }
        return "no data: " + response.path("data").path("result").size() + " series, none with a number";
    }
}
