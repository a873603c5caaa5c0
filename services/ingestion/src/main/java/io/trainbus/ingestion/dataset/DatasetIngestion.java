package io.trainbus.ingestion.dataset;

import java.io.IOException;
import java.nio.file.Path;

import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.PrintableText;
import io.trainbus.ingestion.source.DatasetSourceException;
import io.trainbus.ingestion.source.SourceNotAllowedException;
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
     * @param source the configured source, used when a request names none: URL, archive or folder
     * @param rawStore where verified files go
     */
    public DatasetIngestion(SourceResolver resolver, String source, RawDatasetStore rawStore) {
        this.resolver = resolver;
        this.source = source;
        this.rawStore = rawStore;
    }

    /**
     * Checks the request's source, or the configured one when the request names none, against the allow-list,
     * without contacting it.
     *
     * @param request a validated request
     * @throws InvalidRequestException naming {@code dataset.source}, the rule and the setting that would allow it
     */
    public void checkSource(TrainingRequest request) throws InvalidRequestException {
        try {
            resolver.check(sourceOf(request));
        } catch (DatasetSourceException e) {
            String value = e instanceof SourceNotAllowedException notAllowed ? notAllowed.source()
                    : PrintableText.of(sourceOf(request));
            throw new InvalidRequestException("dataset.source", value, e.getMessage());
        }
    }

    /**
     * Ingests the dataset for a request.
     *
     * @param request a validated request with defaults applied
     * @return the event to publish
     * @throws IOException when the source is not allowed, cannot be read, fails verification or cannot be stored
     */
    public DatasetIngested ingest(TrainingRequest request) throws IOException {
        Path folder = resolver.resolve(sourceOf(request));
        VerifiedDataset verified = CifarVerifier.verify(folder);
        StoredDataset stored = rawStore.store(verified);
        return DatasetIngested.newBuilder()
                .setRequest(request)
                .setDatasetId(stored.datasetId())
                .setManifest(stored.manifest())
                .setReused(stored.reused())
                .build();
    }

    private String sourceOf(TrainingRequest request) {
        String requested = request.getDataset().getSource();
        return requested.isEmpty() ? source : requested;
    }
}
