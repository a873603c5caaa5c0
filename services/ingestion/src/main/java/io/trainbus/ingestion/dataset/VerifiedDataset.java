package io.trainbus.ingestion.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.trainbus.common.cifar.RawManifest;

/**
 * A dataset folder whose files passed verification.
 *
 * @param folder the local folder that contains the files
 * @param classNames class names in label order
 * @param splits record counts of the train and test splits, per class
 * @param files every file with its size, digest and record count
 */
public record VerifiedDataset(Path folder, List<String> classNames, Map<String, RawManifest.SplitCounts> splits,
        List<RawManifest.FileEntry> files) {
}
