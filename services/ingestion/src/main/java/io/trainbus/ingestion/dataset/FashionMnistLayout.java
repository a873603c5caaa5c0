package io.trainbus.ingestion.dataset;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.trainbus.common.dataset.DatasetFormatException;
import io.trainbus.common.dataset.RawManifest;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.ingestion.idx.IdxSplitConverter;
import io.trainbus.ingestion.source.SourceLayout;

/**
 * Fashion-MNIST: four IDX files, each raw or gzip-compressed with a {@code .gz} suffix, converted into one raw record
 * file per split ({@value #TRAIN_FILE}, {@value #TEST_FILE}). Only the converted files are stored.
 */
public final class FashionMnistLayout implements DatasetLayout {

    /** Setting of the configured Fashion-MNIST source. */
    public static final String SOURCE_SETTING = "trainbus.ingestion.fashion-mnist.source";
    /** Class names in label order, as the dataset's README (shipped in Debian's dataset-fashion-mnist) lists them. */
    public static final List<String> CLASS_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    public static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    public static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    public static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    /** Raw record file of the training split. */
    public static final String TRAIN_FILE = "train.bin";
    /** Raw record file of the test split. */
    public static final String TEST_FILE = "test.bin";
    /** Folder that may contain the files in an archive, named after the dataset because no official archive exists. */
    public static final String ARCHIVE_FOLDER = "fashion-mnist";

    private static final SourceLayout SOURCE = new SourceLayout(SOURCE_SETTING, "Fashion-MNIST's four IDX files",
            List.of(TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS), true, ARCHIVE_FOLDER);

    private final long maxRecordFileBytes;

    /**
     * Creates the layout.
     *
     * @param maxRecordFileBytes maximum size in bytes of the record file that one split converts to
     */
    public FashionMnistLayout(long maxRecordFileBytes) {
        this.maxRecordFileBytes = maxRecordFileBytes;
    }

    @Override
    public DatasetCatalog.Dataset dataset() {
        return DatasetCatalog.FASHION_MNIST;
    }

    @Override
    public SourceLayout source() {
        return SOURCE;
    }

    @Override
    public VerifiedDataset verify(Path folder, Path work) throws IOException {
        Map<String, RawManifest.SplitCounts> splits = new LinkedHashMap<>();
        List<RawManifest.FileEntry> files = new ArrayList<>();
        convert(folder, TRAIN_IMAGES, TRAIN_LABELS, work.resolve(TRAIN_FILE), RawManifest.TRAIN, splits, files);
        convert(folder, TEST_IMAGES, TEST_LABELS, work.resolve(TEST_FILE), RawManifest.TEST, splits, files);
        DatasetCatalog.Dataset dataset = dataset();
        return new VerifiedDataset(dataset.name(), dataset.shape(), work, CLASS_NAMES, splits, files);
    }

    private void convert(Path folder, String images, String labels, Path target, String split,
            Map<String, RawManifest.SplitCounts> splits, List<RawManifest.FileEntry> files) throws IOException {
        DatasetCatalog.Dataset dataset = dataset();
        IdxSplitConverter.ConvertedSplit converted = IdxSplitConverter.convert(require(folder, images),
                require(folder, labels), dataset.shape(), dataset.classCount(), target, maxRecordFileBytes);
        files.add(converted.file());
        splits.put(split, new RawManifest.SplitCounts(converted.file().records(),
                Arrays.stream(converted.perClass()).boxed().toList(), List.of(converted.file().name())));
    }

    private static Path require(Path folder, String file) throws DatasetFormatException {
        return SOURCE.find(folder, file).orElseThrow(() -> new DatasetFormatException(folder.resolve(file)
                + "[.gz] not found: a Fashion-MNIST folder contains " + SOURCE.missing(name -> false) + "."));
    }
}
