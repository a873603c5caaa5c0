package io.trainbus.ingestion.config;

import java.util.List;

import io.trainbus.common.storage.ObjectStore;
import io.trainbus.ingestion.dataset.CifarLayout;
import io.trainbus.ingestion.dataset.ConfiguredDataset;
import io.trainbus.ingestion.dataset.DatasetIngestion;
import io.trainbus.ingestion.dataset.DatasetLayout;
import io.trainbus.ingestion.dataset.FashionMnistLayout;
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
        List<ConfiguredDataset> datasets = List.of(
                configured(new CifarLayout(), config.cifar10().source(), settings, policy, store),
                configured(new FashionMnistLayout(config.maxUnpackedBytes()), config.fashionMnist().source(), settings,
                        policy, store));
        return new DatasetIngestion(datasets, new RawDatasetStore(store), config.cacheDir().resolve("work"));
    }

    private static ConfiguredDataset configured(DatasetLayout layout, String source, SourceSettings settings,
            SourcePolicy policy, ObjectStore store) {
        return new ConfiguredDataset(layout, new SourceResolver(settings, policy, store, layout.source()), source);
    }
}
