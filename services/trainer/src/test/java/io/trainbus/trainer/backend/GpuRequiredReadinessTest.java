package io.trainbus.trainer.backend;

import static io.trainbus.trainer.backend.GpuReadinessTest.data;
import static io.trainbus.trainer.backend.GpuReadinessTest.findCheck;
import static io.trainbus.trainer.backend.GpuReadinessTest.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.trainbus.localstack.LocalStackTestResource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** With require-gpu=true on the CPU backend the trainer takes no jobs and reports not ready with the reason. */
@QuarkusTest
@TestProfile(GpuRequiredReadinessTest.RequireGpu.class)
@QuarkusTestResource(LocalStackTestResource.class)
class GpuRequiredReadinessTest {

    /** Sets trainbus.trainer.require-gpu=true. */
    public static class RequireGpu implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("trainbus.trainer.require-gpu", "true");
        }
    }

    @TestHTTPResource("/q/health/ready")
    URI ready;

    @Inject
    ChannelRegistry channels;

    @Test
    void cpuTrainerIsNotReadyWhenGpuRequired() throws Exception {
        HttpResponse<String> response = get(ready);
        Map<String, Object> check = findCheck(response.body(), GpuReadinessCheck.NAME);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(check.get("status")).isEqualTo("DOWN");
        assertThat(data(check)).containsEntry("require-gpu", true);
        assertThat((String) data(check).get("reason")).contains("CPU backend");
    }

    @Test
    void jobsChannelStaysPausedWithoutGpu() {
        assertThat(channels.getPausable(BackendStatus.JOBS_CHANNEL).isPaused()).isTrue();
    }
}
