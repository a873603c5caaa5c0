package io.trainbus.evaluator.pictures;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.cifar.CifarRecord;
import io.trainbus.common.cifar.CifarRecordReader;
import io.trainbus.common.storage.ObjectKeys;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.DatasetSpec;

/**
 * Reads the first images of a job's training split from the raw CIFAR-10 files in the store. The raw bytes show the
 * images as they are, whatever normalization the prepared tensors went through. The training split starts after
 * the first {@code validation_size} records of the training files, in file order, and ends at {@code train_limit}.
 */
public final class TrainingImageSample {

    private final ObjectStore store;

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
     * @return between 1 and {@code count} images, fewer when the training split is smaller
     * @throws IllegalArgumentException when a raw file is missing or the split contains no image
     * @throws IOException when a record cannot be decoded
     */
    public List<CifarRecord> first(String datasetId, DatasetSpec spec, int count) throws IOException {
        String prefix = ObjectKeys.rawPrefix(spec.getName(), datasetId);
        long skip = spec.getValidationSize();
        long limit = count;
        if (spec.getTrainLimit() > 0) {
            limit = Math.min(limit, spec.getTrainLimit() - skip);
        }
        List<CifarRecord> images = new ArrayList<>();
        for (String file : CifarFormat.TRAIN_FILES) {
            if (images.size() >= limit) {
                break;
            }
            String key = prefix + file;
            long records = store.size(key).orElseThrow(() -> new IllegalArgumentException("The raw training file "
                    + key + " was not found: ingest dataset " + datasetId + " again")) / CifarFormat.RECORD_BYTES;
            if (skip >= records) {
                // The whole file is validation data; no need to download it.
                skip -= records;
                continue;
            }
            // NOTE: reads the whole file (30 MB for an official one) because ObjectStore has no ranged read.
            try (CifarRecordReader reader = new CifarRecordReader(new ByteArrayInputStream(store.getBytes(key)),
                    key)) {
                for (CifarRecord record = reader.next(); record != null && images.size() < limit;
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
        return images;
    }
}
