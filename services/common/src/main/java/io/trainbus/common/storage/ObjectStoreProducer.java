package io.trainbus.common.storage;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes one {@link ObjectStore} per service from {@link StorageConfig}, recording its calls in the metrics. */
@ApplicationScoped
public class ObjectStoreProducer {

    /**
     * Registers the store's series at start-up, before the store itself connects on first use, so that they are on
     * {@code /q/metrics} at zero from the beginning. A program without Micrometer (the CLI) records nothing.
     */
    @Produces
    @Singleton
    @Startup
    ObjectStoreMetrics objectStoreMetrics(Instance<MeterRegistry> registries) {
        return registries.isResolvable() ? new ObjectStoreMetrics(registries.get()) : ObjectStoreMetrics.disabled();
    }

    @Produces
    @Singleton
    ObjectStore objectStore(StorageConfig config, ObjectStoreMetrics metrics) {
        return ObjectStore.connect(config.endpoint(), config.accessKey(), config.secretKey(), config.region(),
                config.bucket(), metrics, ClientLimits.of(config));
    }
}
