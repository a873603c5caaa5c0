package io.trainbus.ingestion.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.request.InvalidRequestException;
import io.trainbus.common.request.PrintableText;
import io.trainbus.ingestion.source.DatasetSourceException;
import io.trainbus.ingestion.source.SourceNotAllowedException;
import io.trainbus.ingestion.storage.RawDatasetStore;
import io.trainbus.ingestion.storage.StoredDataset;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.TrainingRequest;
import org.jboss.logging.Logger;

/** Fetches, verifies and stores the dataset that a request names in {@code dataset.name}. */
public final class DatasetIngestion {

    private static final Logger LOG = Logger.getLogger(DatasetIngestion.class);

    private final Map<String, ConfiguredDataset> datasets = new LinkedHashMap<>();
    private final RawDatasetStore rawStore;
    private final Path workRoot;

    /**
     * Creates the ingestion for the given datasets.
     *
     * @param datasets the datasets this service ingests, each with its configured source
     * @param rawStore the store that receives the verified files
     * @param workRoot parent of the per-job folders in which files are converted. Each is deleted when its job
     *        ends.
     */
    public DatasetIngestion(List<ConfiguredDataset> datasets, RawDatasetStore rawStore, Path workRoot) {
        for (ConfiguredDataset dataset : datasets) {
            this.datasets.put(dataset.layout().dataset().name(), dataset);
        }
        this.rawStore = rawStore;
        this.workRoot = workRoot;
    }

    /**
     * Checks the request's source, or the configured one when the request names none, against the allow-list,
     * without contacting it.
     *
     * @param request a validated request
     * @throws InvalidRequestException naming {@code dataset.source}, the rule and the setting that would allow it
     */
    public void checkSource(TrainingRequest request) throws InvalidRequestException {
        ConfiguredDataset dataset = datasetOf(request);
        try {
            dataset.resolver().check(sourceOf(dataset, request));
        } catch (DatasetSourceException e) {
            String value = e instanceof SourceNotAllowedException notAllowed ? notAllowed.source()
                    : PrintableText.of(sourceOf(dataset, request));
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
        ConfiguredDataset dataset = datasetOf(request);
        Path folder = dataset.resolver().resolve(sourceOf(dataset, request));
        Files.createDirectories(workRoot);
        Path work = Files.createTempDirectory(workRoot, "job-");
        try {
            VerifiedDataset verified = dataset.layout().verify(folder, work);
            StoredDataset stored = rawStore.store(verified);
            return DatasetIngested.newBuilder()
                    .setRequest(request)
                    .setDatasetId(stored.datasetId())
                    .setManifest(stored.manifest())
                    .setReused(stored.reused())
                    .build();
        } finally {
            deleteTree(work, request.getJobId());
        }
    }

    /** Returns the configured dataset of a request. Validation has already checked the name against the catalog. */
    private ConfiguredDataset datasetOf(TrainingRequest request) {
        String name = request.getDataset().getName();
        ConfiguredDataset dataset = datasets.get(name);
        if (dataset == null) {
            throw new IllegalStateException("Dataset '" + name + "' is in the catalog, but this service ingests only "
                    + datasets.keySet() + ".");
        }
        return dataset;
    }

    private static String sourceOf(ConfiguredDataset dataset, TrainingRequest request) {
        String requested = request.getDataset().getSource();
        return requested.isEmpty() ? dataset.source() : requested;
    }

    /** Deletes a job's work folder. A failure is only logged, because the job's result is already decided. */
    private static void deleteTree(Path root, String jobId) {
        try {
            FolderTrees.delete(root);
        } catch (IOException e) {
            LOG.warnf(e, "job=%s could not delete the work folder %s", jobId, root);
        }
    }
}
