package io.trainbus.common.storage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes one {@link ObjectStore} per service from {@link StorageConfig}. */
@ApplicationScoped
public class ObjectStoreProducer {

    @Produces
    @Singleton
    ObjectStore objectStore(StorageConfig config) {
        return ObjectStore.connect(config.endpoint(), config.accessKey(), config.secretKey(), config.region(),
                config.bucket());
    }
}
