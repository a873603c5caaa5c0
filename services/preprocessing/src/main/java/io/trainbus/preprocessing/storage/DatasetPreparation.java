package io.trainbus.preprocessing.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.common.request.PreprocessingDefaults;
import io.trainbus.common.storage.Digests;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.preprocessing.prepare.Normalization;
import io.trainbus.preprocessing.prepare.NpyTensorWriter.WrittenTensor;
import io.trainbus.preprocessing.prepare.PreparedIds;
import io.trainbus.preprocessing.prepare.PreparedManifest;
import io.trainbus.preprocessing.prepare.RawFiles;
import io.trainbus.preprocessing.prepare.SplitPlan;
import io.trainbus.preprocessing.prepare.SplitTensors;
import io.trainbus.preprocessing.prepare.TensorPreparer;
import io.trainbus.proto.v1.DatasetIngested;
import io.trainbus.proto.v1.DatasetPrepared;
import io.trainbus.proto.v1.DatasetSpec;
import io.trainbus.proto.v1.ObjectRef;
import io.trainbus.proto.v1.TensorPair;
import io.trainbus.proto.v1.TrainingRequest;
import org.jboss.logging.Logger;

/**
 * Prepares the tensors of an ingested dataset in the object store: downloads the raw record files the request
 * needs (listed per split in the raw manifest), writes the six .npy files, uploads them and then the manifest. A
 * preparation whose manifest exists is reused.
 */
public final class DatasetPreparation {

    private static final Logger LOG = Logger.getLogger(DatasetPreparation.class);
    private static final String OCTET_STREAM = "application/octet-stream";

    private final ObjectStore store;
    private final Path workRoot;

    /**
     * Creates the preparation step.
     *
     * @param store the object store
     * @param workRoot folder under which each job gets a temporary folder
     */
    public DatasetPreparation(ObjectStore store, Path workRoot) {
        this.store = store;
        this.workRoot = workRoot;
    }

    /**
     * Prepares, or finds, the tensors for an ingested dataset.
     *
     * @param ingested the ingestion event with the request and the raw manifest
     * @return the event to publish
     * @throws IOException when a file cannot be read, verified, written or uploaded
     * @throws IllegalArgumentException when the request's split sizes do not fit the stored dataset
     */
    public DatasetPrepared prepare(DatasetIngested ingested) throws IOException {
        TrainingRequest request = ingested.getRequest();
        DatasetSpec spec = request.getDataset();
        String datasetId = ingested.getDatasetId();
        String method = PreprocessingDefaults.apply(request.getPreprocessing(), request.getModel()).getNormalization();
        String preparedId = PreparedIds.of(datasetId, spec, Normalization.nameOf(method));
        String prefix = ObjectKeys.preparedPrefix(spec.getName(), datasetId, preparedId);
        String manifestKey = prefix + ObjectKeys.MANIFEST;

        if (store.exists(manifestKey)) {
            byte[] bytes = store.getBytes(manifestKey);
            PreparedManifest manifest = Json.MAPPER.readValue(bytes, PreparedManifest.class);
            LOG.infof("job=%s preparation %s of dataset %s exists, reusing it", request.getJobId(), preparedId,
                    datasetId);
            return event(request, manifest, store.ref(manifestKey, bytes.length, Digests.sha256Hex(bytes)), true);
        }

        RawManifest raw = Json.MAPPER.readValue(store.getBytes(ingested.getManifest().getKey()), RawManifest.class);
        SplitPlan plan = SplitPlan.of(spec, raw);
        try (WorkFolder work = WorkFolder.create(workRoot, request.getJobId())) {
            RawFiles rawFiles = RawFiles.of(work.folder("raw"), raw, plan);
            requireCatalogShape(spec.getName(), raw);
            for (String name : rawFiles.allFiles()) {
                download(raw, ObjectKeys.rawPrefix(spec.getName(), datasetId), name, rawFiles.folder());
            }

            Normalization normalization = Normalization.of(method, rawFiles, plan);
            List<SplitTensors> splits = TensorPreparer.prepare(rawFiles, plan, work.folder("out"), normalization);
            List<PreparedManifest.Split> stored = new ArrayList<>();
            for (SplitTensors split : splits) {
                stored.add(new PreparedManifest.Split(split.name(), split.count(), split.perClass(),
                        upload(prefix, split.features()), upload(prefix, split.labels())));
            }
            PreparedManifest manifest = new PreparedManifest(datasetId, preparedId, normalization.name(),
                    normalization.offset(), normalization.divisor(), rawFiles.shape(), raw.classNames(), stored);
            ObjectRef manifestRef = store.putBytes(manifestKey, Json.MAPPER.writeValueAsBytes(manifest),
                    "application/json");
            LOG.infof("job=%s stored preparation %s: train=%d validation=%d test=%d images=%s normalization=%s "
                    + "offset=%.4f divisor=%.4f under %s", request.getJobId(), preparedId, plan.train(),
                    plan.validation(), plan.test(), rawFiles.shape(), normalization.name(), normalization.offset(),
                    normalization.divisor(), prefix);
            return event(request, manifest, manifestRef, false);
        }
    }

    /**
     * Rejects a raw dataset whose image shape differs from the catalog's shape of the requested dataset, because
     * the trainer and the evaluator build their inputs from the catalog's shape.
     */
    private static void requireCatalogShape(String name, RawManifest raw) {
        Optional<DatasetCatalog.Dataset> dataset = DatasetCatalog.find(name);
        if (dataset.isPresent() && !dataset.get().shape().equals(raw.shape())) {
            throw new IllegalArgumentException("The request names dataset '" + name + "' with images of "
                    + dataset.get().shape() + ", but the ingested raw dataset " + raw.datasetId() + " ("
                    + raw.dataset() + ") stores images of " + raw.shape() + ". Submit the request again so that "
                    + "ingestion stores " + name + ".");
        }
    }

    /** Downloads one source file and checks it against the digest in the raw manifest. */
    private void download(RawManifest raw, String rawPrefix, String name, Path folder) throws IOException {
        Path target = folder.resolve(name);
        store.getFile(rawPrefix + name, target);
        String expected = raw.file(name).sha256();
        String actual = Digests.sha256Hex(target);
        if (!actual.equals(expected)) {
            throw new IOException("Object " + rawPrefix + name + " has SHA-256 " + actual + ", but the raw "
                    + "manifest of dataset " + raw.datasetId() + " lists " + expected + ". The stored copy is "
                    + "corrupt: delete " + rawPrefix + " and ingest the dataset again.");
        }
    }

    private PreparedManifest.Tensor upload(String prefix, WrittenTensor tensor) {
        String key = prefix + tensor.file().getFileName();
        store.putFile(key, tensor.file(), OCTET_STREAM);
        return new PreparedManifest.Tensor(key, List.of(tensor.rows(), (long) tensor.columns()), tensor.sizeBytes(),
                tensor.sha256());
    }

    private DatasetPrepared event(TrainingRequest request, PreparedManifest manifest, ObjectRef manifestRef,
            boolean reused) {
        return DatasetPrepared.newBuilder()
                .setRequest(request)
                .setDatasetId(manifest.datasetId())
                .setPreparedId(manifest.preparedId())
                .setManifest(manifestRef)
                .setTrain(pair(manifest.split(TensorPreparer.TRAIN)))
                .setValidation(pair(manifest.split(TensorPreparer.VALIDATION)))
                .setTest(pair(manifest.split(TensorPreparer.TEST)))
                .addAllClassNames(manifest.classNames())
                .setReused(reused)
                .build();
    }

    private TensorPair pair(PreparedManifest.Split split) {
        return TensorPair.newBuilder()
                .setFeatures(ref(split.features()))
                .setLabels(ref(split.labels()))
                .setCount(split.count())
                .build();
    }

    private ObjectRef ref(PreparedManifest.Tensor tensor) {
        return store.ref(tensor.key(), tensor.sizeBytes(), tensor.sha256());
    }
}
