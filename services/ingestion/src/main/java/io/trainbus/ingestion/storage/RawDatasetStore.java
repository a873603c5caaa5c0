package io.trainbus.ingestion.storage;

import java.io.IOException;

import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.ingestion.dataset.DatasetIds;
import io.trainbus.ingestion.dataset.VerifiedDataset;
import org.jboss.logging.Logger;

/**
 * Stores verified source files under their content address. The manifest is written last, so its presence means
 * every file is complete, and a dataset whose manifest exists is reused without uploading anything.
 */
public final class RawDatasetStore {

    private static final Logger LOG = Logger.getLogger(RawDatasetStore.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ObjectStore store;

    /**
     * Creates a store.
     *
     * @param store the object store
     */
    public RawDatasetStore(ObjectStore store) {
        this.store = store;
    }

    /**
     * Uploads the files and then the manifest, unless the manifest already exists. The keys start with the
     * dataset's catalog name and its content address.
     *
     * @param verified the verified files
     * @return the dataset id and the manifest reference
     * @throws IOException when the manifest cannot be serialised
     */
    public StoredDataset store(VerifiedDataset verified) throws IOException {
        String dataset = verified.dataset();
        String datasetId = DatasetIds.of(verified.files());
        String prefix = ObjectKeys.rawPrefix(dataset, datasetId);
        String manifestKey = prefix + ObjectKeys.MANIFEST;
        if (store.exists(manifestKey)) {
            byte[] existing = store.getBytes(manifestKey);
            LOG.infof("Dataset %s is already stored under %s, reusing it", datasetId, prefix);
            return new StoredDataset(datasetId, store.ref(manifestKey, existing.length, Digests.sha256Hex(existing)),
                    true);
        }

        for (RawManifest.FileEntry file : verified.files()) {
            store.putFile(prefix + file.name(), verified.folder().resolve(file.name()), OCTET_STREAM);
        }
        RawManifest manifest = new RawManifest(dataset, datasetId, verified.shape(), verified.classNames(),
                verified.splits(), verified.files());
        byte[] json = Json.MAPPER.writeValueAsBytes(manifest);
        LOG.infof("Stored dataset %s %s: %d files under %s", dataset, datasetId, verified.files().size(), prefix);
        return new StoredDataset(datasetId, store.putBytes(manifestKey, json, "application/json"), false);
    }
}
