package io.trainbus.ingestion.storage;

import io.trainbus.proto.v1.ObjectRef;

/**
 * A dataset in the object store.
 *
 * @param datasetId content address of the source files
 * @param manifest the raw manifest object
 * @param reused true when the dataset was already stored and nothing was uploaded
 */
public record StoredDataset(String datasetId, ObjectRef manifest, boolean reused) {
}
