package io.trainbus.trainer.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.trainbus.common.messaging.Json;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.trainbus.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The default build runs on the CPU backend, and with require-gpu left false the trainer is ready. */
@QuarkusTest
@QuarkusTestResource(LocalStackTestResource.class)
class GpuReadinessTest {

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @Inject
    ChannelRegistry channels;

    @Test
    void cpuTrainerIsReadyByDefault() throws Exception {
        HttpResponse<String> response = get(ready);
        Map<String, Object> check = findCheck(response.body(), GpuReadinessCheck.NAME);

        assertThat(check.get("status")).isEqualTo("UP");
        assertThat(data(check)).containsEntry("backend", "CPU");
        assertThat(data(check)).containsEntry("require-gpu", false);
        assertThat(data(check)).doesNotContainKey("reason");
    }

    @Test
    void jobsChannelIsNotPausedByDefault() {
        assertThat(channels.getPausable(BackendStatus.JOBS_CHANNEL).isPaused()).isFalse();
    }

    static HttpResponse<String> get(URI uri) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> findCheck(String healthJson, String name) throws Exception {
        Map<String, Object> health = Json.MAPPER.readValue(healthJson, new TypeReference<>() {
        });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> checks = (List<Map<String, Object>>) health.get("checks");
        return checks.stream()
                .filter(check -> name.equals(check.get("name")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no health check named " + name + " in " + healthJson));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }
}
