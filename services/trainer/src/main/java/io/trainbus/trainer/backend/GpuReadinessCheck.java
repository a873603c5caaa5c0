package io.trainbus.trainer.backend;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check named {@code nd4j-backend}, DOWN with the reason when ND4J loaded no backend, or when
 * {@code trainbus.trainer.require-gpu} is true and ND4J has no usable GPU. With require-gpu, {@link BackendStatus}
 * also keeps the job channel paused.
 */
@Readiness
@ApplicationScoped
public class GpuReadinessCheck implements HealthCheck {

    static final String NAME = "nd4j-backend";

    private final BackendStatus status;
    private final GpuConfig config;

    GpuReadinessCheck(BackendStatus status, GpuConfig config) {
        this.status = status;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        ComputeBackend backend = status.current();
        Optional<String> reason = GpuRequirement.unmetReason(backend, config.requireGpu());
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .status(reason.isEmpty())
                .withData("backend", backend.name())
                .withData("devices", String.join("; ", backend.devices()))
                .withData("cudnn", backend.cudnnActive())
                .withData("require-gpu", config.requireGpu());
        reason.ifPresent(text -> response.withData("reason", text));
        return response.build();
    }
}
