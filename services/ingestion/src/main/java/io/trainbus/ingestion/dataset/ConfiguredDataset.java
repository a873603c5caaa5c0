package io.trainbus.ingestion.dataset;

import io.trainbus.ingestion.source.SourceResolver;

/**
 * One dataset the service ingests, with its configured source.
 *
 * @param layout how the dataset's files are found, verified and stored
 * @param resolver the resolver that turns a source of this dataset into a local folder
 * @param source the configured source, used when a request names none
 */
public record ConfiguredDataset(DatasetLayout layout, SourceResolver resolver, String source) {
}
