package io.trainbus.ingestion.config;

import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.ingestion.dataset.DatasetIngestion;
import io.trainbus.ingestion.source.SourcePolicy;
import io.trainbus.ingestion.source.SourceResolver;
import io.trainbus.ingestion.source.SourceSettings;
import io.trainbus.ingestion.storage.RawDatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the Quarkus-free ingestion classes from {@link IngestionConfig}. */
@ApplicationScoped
public class IngestionBeans {

    @Produces
    @Singleton
    DatasetIngestion datasetIngestion(IngestionConfig config, ObjectStore store) {
        SourceSettings settings = new SourceSettings(config.cacheDir(), config.download().connectTimeout(),
                config.download().timeout(), config.download().maxBytes(), config.maxUnpackedBytes(),
                config.maxArchiveEntries());
        SourcePolicy policy = new SourcePolicy(config.sources().allowedOrigins(),
                config.sources().allowedRoots().orElse(List.of()), store.bucket());
        SourceResolver resolver = new SourceResolver(settings, policy, store, CifarFormat.ALL_FILES,
                CifarFormat.ARCHIVE_FOLDER);
        return new DatasetIngestion(resolver, config.cifar10().source(),
                new RawDatasetStore(store, DatasetCatalog.CIFAR_10.name()));
    }
}
