package io.trainbus.ingestion.dataset;

import java.io.IOException;
import java.nio.file.Path;

import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.ingestion.source.SourceLayout;

/** The ingestion rules of one catalog dataset: the files of its sources, their checks and the files stored. */
public interface DatasetLayout {

    /** @return the catalog entry, whose name requests use in {@code dataset.name} */
    DatasetCatalog.Dataset dataset();

    /** @return the files a source must provide and the setting of the configured source */
    SourceLayout source();

    /**
     * Verifies the source files and returns the files to store.
     *
     * @param folder a folder that contains every file of {@link #source()}
     * @param work an empty folder for converted files, deleted by the caller after storing
     * @return the verified files, in {@code folder} or in {@code work}
     * @throws io.trainbus.common.dataset.DatasetFormatException when a file is invalid
     * @throws IOException when a file cannot be read or written
     */
    VerifiedDataset verify(Path folder, Path work) throws IOException;
}
