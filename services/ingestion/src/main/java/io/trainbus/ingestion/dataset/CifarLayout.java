package io.trainbus.ingestion.dataset;

import java.io.IOException;
import java.nio.file.Path;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.request.DatasetCatalog;
import io.trainbus.ingestion.source.SourceLayout;

/** Layout of CIFAR-10's binary version, whose .bin files and class names are verified and stored as they are. */
public final class CifarLayout implements DatasetLayout {

    /** Setting of the configured CIFAR-10 source. */
    public static final String SOURCE_SETTING = "trainbus.ingestion.cifar10.source";

    private static final SourceLayout SOURCE = new SourceLayout(SOURCE_SETTING, "the CIFAR-10 binary version",
            CifarFormat.ALL_FILES, false, CifarFormat.ARCHIVE_FOLDER);

    @Override
    public DatasetCatalog.Dataset dataset() {
        return DatasetCatalog.CIFAR_10;
    }

    @Override
    public SourceLayout source() {
        return SOURCE;
    }

    @Override
    public VerifiedDataset verify(Path folder, Path work) throws IOException {
        return CifarVerifier.verify(folder);
    }
}
