package io.trainbus.evaluator.jobs;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The service's job registry, rebuilt from Kafka at every start by a {@link JobEventReplay}. */
@Startup
@ApplicationScoped
public class JobTracking {

    private final JobRegistry registry = new JobRegistry();
    private JobEventReplay replay;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @PostConstruct
    void start() {
        replay = new JobEventReplay(bootstrapServers, registry);
        replay.start();
    }

    @PreDestroy
    void stop() {
        replay.close();
    }

    /** @return the jobs seen so far */
    public JobRegistry registry() {
        return registry;
    }

    /** @return true once the replay has read every record that existed at the start */
    public boolean caughtUp() {
        return replay.caughtUp();
    }
}
