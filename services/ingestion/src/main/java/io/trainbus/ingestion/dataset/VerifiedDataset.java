package io.trainbus.ingestion.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.trainbus.common.dataset.ImageShape;
import io.trainbus.common.dataset.RawManifest;

/**
 * The files of a dataset that passed verification, ready to be stored.
 *
 * @param dataset catalog name, for example {@code cifar-10}
 * @param shape the size of every image
 * @param folder the local folder that contains the files
 * @param classNames class names in label order
 * @param splits record counts and record files of the train and test splits
 * @param files every file with its size, digest and record count
 */
public record VerifiedDataset(String dataset, ImageShape shape, Path folder, List<String> classNames,
        Map<String, RawManifest.SplitCounts> splits, List<RawManifest.FileEntry> files) {
}
