package io.trainbus.preprocessing.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.trainbus.common.augment.AugmentedEpochManifest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.preprocessing.augment.AugmentationState;
import org.jboss.logging.Logger;

/**
 * The object-store side of augmentation: the running jobs' states and each epoch's features and manifest. An
 * epoch's manifest is written after its features and removed before them, so a reader that finds a manifest
 * always finds the features it lists.
 */
public final class AugmentationStorage {

    private static final Logger LOG = Logger.getLogger(AugmentationStorage.class);
    private static final Pattern EPOCH_MANIFEST = Pattern.compile(".*/epoch-(\\d+)/" + ObjectKeys.MANIFEST);
    private static final String JSON = "application/json";

    private final ObjectStore store;

    /** @param store the object store */
    public AugmentationStorage(ObjectStore store) {
        this.store = store;
    }

    /** Stores or replaces a job's state. */
    public void writeState(AugmentationState state) throws IOException {
        store.putBytes(ObjectKeys.augmentationState(state.jobId()), Json.MAPPER.writeValueAsBytes(state), JSON);
    }

    /** @return the stored state of a job, or empty when it has none */
    public Optional<AugmentationState> readState(String jobId) throws IOException {
        String key = ObjectKeys.augmentationState(jobId);
        if (!store.exists(key)) {
            return Optional.empty();
        }
        return Optional.of(Json.MAPPER.readValue(store.getBytes(key), AugmentationState.class));
    }

    /** Removes a job's state, so that a restart does not resume its augmentation. */
    public void deleteState(String jobId) {
        store.remove(ObjectKeys.augmentationState(jobId));
    }

    /**
     * Reads every stored state, skipping those that cannot be read.
     *
     * @return the states of the augmentations that were running
     */
    public List<AugmentationState> activeStates() {
        List<AugmentationState> states = new ArrayList<>();
        for (String key : store.list(ObjectKeys.augmentationStatePrefix())) {
            try {
                states.add(Json.MAPPER.readValue(store.getBytes(key), AugmentationState.class));
            } catch (IOException | RuntimeException e) {
                LOG.errorf(e, "The augmentation state %s cannot be read and is skipped; delete it if its job has "
                        + "ended", key);
            }
        }
        return states;
    }

    /** @return the 1-based epochs of a job whose manifest is stored, in order */
    public TreeSet<Integer> storedEpochs(String jobId) {
        TreeSet<Integer> epochs = new TreeSet<>();
        for (String key : store.list(ObjectKeys.augmentedPrefix(jobId))) {
            Matcher matcher = EPOCH_MANIFEST.matcher(key);
            if (matcher.matches()) {
                epochs.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return epochs;
    }

    /**
     * Downloads the prepared training features of a job and checks their digest.
     *
     * @param state the job's state
     * @param target local file to create or replace
     * @throws IOException when the download does not match the digest of the prepared manifest
     */
    public void downloadFeatures(AugmentationState state, Path target) throws IOException {
        store.getFile(state.featuresKey(), target);
        String sha256 = Digests.sha256Hex(target);
        if (!sha256.equals(state.featuresSha256())) {
            throw new IOException("The training features " + state.featuresKey() + " have SHA-256 " + sha256
                    + ", but preparation " + state.preparedId() + " listed " + state.featuresSha256()
                    + ". Delete the preparation so that it runs again.");
        }
    }

    /**
     * Uploads one epoch's features and then its manifest.
     *
     * @param state the job's state
     * @param epoch 1-based epoch
     * @param features local float32 .npy of shape [rows, columns]
     * @param columns values per image
     * @return the manifest as stored
     * @throws IOException when the file cannot be read
     */
    public AugmentedEpochManifest storeEpoch(AugmentationState state, int epoch, Path features, int columns)
            throws IOException {
        String key = ObjectKeys.augmentedFeatures(state.jobId(), epoch);
        long size = Files.size(features);
        String sha256 = Digests.sha256Hex(features);
        store.putFile(key, features, "application/octet-stream");
        AugmentedEpochManifest manifest = new AugmentedEpochManifest(state.jobId(), epoch, state.preparedId(),
                state.seed(), key, state.rows(), columns, size, sha256);
        store.putBytes(ObjectKeys.augmentedManifest(state.jobId(), epoch), Json.MAPPER.writeValueAsBytes(manifest),
                JSON);
        return manifest;
    }

    /** Removes one epoch, manifest first. */
    public void deleteEpoch(String jobId, int epoch) {
        store.remove(ObjectKeys.augmentedManifest(jobId, epoch));
        store.remove(ObjectKeys.augmentedFeatures(jobId, epoch));
    }

    /** Removes every stored epoch of a job, manifests first. */
    public void deleteEpochs(String jobId) {
        List<String> keys = store.list(ObjectKeys.augmentedPrefix(jobId));
        keys.stream().filter(key -> key.endsWith(ObjectKeys.MANIFEST)).forEach(store::remove);
        keys.stream().filter(key -> !key.endsWith(ObjectKeys.MANIFEST)).forEach(store::remove);
    }
}
