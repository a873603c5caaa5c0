package io.trainbus.ingestion.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

import io.trainbus.common.storage.ObjectStore;
import io.trainbus.common.storage.ObjectStoreException;
import org.jboss.logging.Logger;

/** Copies an archive from the service's own bucket into the cache, with the same size limit as a download. */
final class ObjectSource {

    private static final Logger LOG = Logger.getLogger(ObjectSource.class);

    private final ObjectStore store;
    private final SourceSettings settings;

    ObjectSource(ObjectStore store, SourceSettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /**
     * Returns the cached copy of an object, copying it first when the cache has none.
     *
     * @param key object key in the service's bucket
     * @return the local file
     * @throws DatasetSourceException when the object is missing, too large or cannot be read
     */
    Path fetch(String key) throws DatasetSourceException {
        String objectUrl = "s3://" + store.bucket() + "/" + key;
        try {
            long size = store.size(key).orElseThrow(() -> new DatasetSourceException("Dataset source " + objectUrl
                    + " not found. Upload the archive to that key first."));
            if (size > settings.maxDownloadBytes()) {
                throw new DatasetSourceException("Dataset source " + objectUrl + " is too large (" + size
                        + " bytes, limit " + settings.maxDownloadBytes() + " bytes). Check the key, or raise "
                        + "trainbus.ingestion.download.max-bytes.");
            }
            // NOTE: the cache name covers the key and the size only, so an object replaced by one of equal size
            // under the same key is not fetched again until the cache is cleared.
            Path folder = settings.cacheDir().resolve("objects");
            String name = key.substring(key.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
            Path target = folder.resolve(CacheNames.shortDigest(objectUrl + "|" + size) + "-" + name);
            if (Files.isRegularFile(target)) {
                LOG.infof("Reusing %s, copied earlier from %s", target, objectUrl);
                return target;
            }
            Files.createDirectories(folder);
            Path partial = folder.resolve(target.getFileName() + ".part-" + UUID.randomUUID());
            try {
                store.getFile(key, partial);
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            LOG.infof("Copied %d bytes from %s to %s", size, objectUrl, target);
            return target;
        } catch (DatasetSourceException e) {
            throw e;
        } catch (ObjectStoreException | IOException e) {
            throw new DatasetSourceException("Reading dataset source " + objectUrl + " failed: " + e.getMessage()
                    + ". Check that the object store is reachable and the key exists.", e);
        }
    }
}
