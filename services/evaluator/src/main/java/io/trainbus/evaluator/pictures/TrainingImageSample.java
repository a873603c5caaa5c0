package io.trainbus.evaluator.pictures;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.dataset.ImageRecord;
import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.dataset.RecordReader;
import io.trainbus.common.messaging.Json;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.DatasetSpec;

/**
 * Reads the first images of a job's training split from the raw record files in the store, which the raw manifest
 * lists with the image shape. The raw bytes show the images as they are, whatever normalization the prepared tensors
 * went through. The training split starts after the first {@code validation_size} records of the manifest's
 * training files, in their order, and ends at {@code train_limit}.
 */
public final class TrainingImageSample {

    private final ObjectStore store;

    /**
     * Images read from a raw dataset, with the shape needed to draw them.
     *
     * @param shape the size of every image
     * @param images between 1 and the requested number of images
     */
    public record Images(ImageShape shape, List<ImageRecord> images) {
    }

    /**
     * @param store the store with the raw dataset
     */
    public TrainingImageSample(ObjectStore store) {
        this.store = store;
    }

    /**
     * Reads up to {@code count} training images.
     *
     * @param datasetId the dataset id of the job's prepared data
     * @param spec the dataset part of the job's request, with defaults applied
     * @param count maximum number of images
     * @return between 1 and {@code count} images, fewer when the training split is smaller, and their shape
     * @throws IllegalArgumentException when the manifest or a raw file is missing or the split contains no image
     * @throws IOException when the manifest or a record cannot be decoded
     */
    public Images first(String datasetId, DatasetSpec spec, int count) throws IOException {
        String prefix = ObjectKeys.rawPrefix(spec.getName(), datasetId);
        RawManifest manifest = manifest(prefix, datasetId);
        ImageShape shape = manifest.shape();
        int recordBytes = RecordReader.recordBytes(shape);
        long skip = spec.getValidationSize();
        long limit = count;
        if (spec.getTrainLimit() > 0) {
            limit = Math.min(limit, spec.getTrainLimit() - skip);
        }
        List<ImageRecord> images = new ArrayList<>();
        for (String file : manifest.split(RawManifest.TRAIN).files()) {
            if (images.size() >= limit) {
                break;
            }
            String key = prefix + file;
            long records = store.size(key).orElseThrow(() -> new IllegalArgumentException("The raw training file "
                    + key + " was not found: ingest dataset " + datasetId + " again")) / recordBytes;
            if (skip >= records) {
                // The whole file is validation data; no need to download it.
                skip -= records;
                continue;
            }
            // NOTE: reads the whole file (30 MB for a CIFAR-10 one) because ObjectStore has no ranged read.
            try (RecordReader reader = new RecordReader(new ByteArrayInputStream(store.getBytes(key)), key, shape,
                    manifest.classCount())) {
                for (ImageRecord record = reader.next(); record != null && images.size() < limit;
                        record = reader.next()) {
                    if (skip > 0) {
                        skip--;
                    } else {
                        images.add(record);
                    }
                }
            }
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("The training split of dataset " + datasetId + " contains no image after"
                    + " the " + spec.getValidationSize() + " validation records");
        }
        return new Images(shape, images);
    }

    private RawManifest manifest(String prefix, String datasetId) throws IOException {
        String key = prefix + ObjectKeys.MANIFEST;
        if (!store.exists(key)) {
            throw new IllegalArgumentException("The raw manifest " + key + " was not found: ingest dataset "
                    + datasetId + " again");
        }
        return Json.MAPPER.readValue(store.getBytes(key), RawManifest.class);
    }
}
