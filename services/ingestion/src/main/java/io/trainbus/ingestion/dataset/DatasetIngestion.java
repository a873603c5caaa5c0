package io.trainbus.ingestion.dataset;

import java.io.IOException;
import java.nio.file.Path;

import io.trainbus.ingestion.source.SourceResolver;
import io.trainbus.ingestion.storage.RawDatasetStore;
import io.trainbus.ingestion.storage.StoredDataset;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.TrainingRequest;

/** Fetches, verifies and stores the dataset of one request. */
public final class DatasetIngestion {

    private final SourceResolver resolver;
    private final String source;
    private final RawDatasetStore rawStore;

    /**
     * Creates the ingestion of one dataset source.
     *
     * @param resolver turns the source into a local folder
     * @param source the configured source: URL, archive or folder
     * @param rawStore where verified files go
     */
    public DatasetIngestion(SourceResolver resolver, String source, RawDatasetStore rawStore) {
        this.resolver = resolver;
        this.source = source;
        this.rawStore = rawStore;
    }

    /**
     * Ingests the dataset for a request.
     *
     * @param request a validated request with defaults applied
     * @return the event to publish
     * @throws IOException when the source cannot be read, fails verification or cannot be stored
     */
    public DatasetIngested ingest(TrainingRequest request) throws IOException {
        Path folder = resolver.resolve(source);
        VerifiedDataset verified = CifarVerifier.verify(folder);
        StoredDataset stored = rawStore.store(verified);
        return DatasetIngested.newBuilder()
                .setRequest(request)
                .setDatasetId(stored.datasetId())
                .setManifest(stored.manifest())
                .setReused(stored.reused())
                .build();
    }
}
