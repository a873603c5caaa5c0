package io.trainbus.evaluator.jobs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the service ready on {@code /q/health/ready} only once the job state contains every record that existed at
 * the start, so the read API never serves a half-built job list.
 */
@Readiness
@ApplicationScoped
public class JobStateReadiness implements HealthCheck {

    @Inject
    JobTracking tracking;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("job-state")
                .status(tracking.caughtUp())
                .withData("jobs", tracking.registry().jobs().size())
                .build();
    }
}
