package io.trainbus.ingestion.config;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Settings of the ingestion service, under {@code trainbus.ingestion}. */
@ConfigMapping(prefix = "trainbus.ingestion")
public interface IngestionConfig {

    /** Source settings of CIFAR-10. */
    @WithName("cifar10")
    Cifar10 cifar10();

    /** Folder that keeps downloads and unpacked archives between jobs. */
    @WithDefault("${user.home}/.cache/trainbus")
    Path cacheDir();

    /** HTTP download limits. */
    Download download();

    /**
     * Largest total size of the files taken from an archive, in bytes. The CIFAR-10 files unpack to about
     * 184 MB; the default of 1 GiB leaves room and still stops an archive that expands without bound.
     */
    @WithDefault("1073741824")
    long maxUnpackedBytes();

    /** Source of the CIFAR-10 binary version. */
    interface Cifar10 {

        /**
         * An http(s) URL of the .tar.gz archive, a local archive (path or {@code file:} URI), or a local folder with
         * the .bin files directly or in {@code cifar-10-batches-bin/}.
         */
        @WithDefault("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz")
        String source();
    }

    /** Limits on fetching an archive from a URL. */
    interface Download {

        /** Limit on opening the connection. */
        @WithDefault("PT30S")
        Duration connectTimeout();

        /** Limit on the whole download, request to last byte. */
        @WithDefault("PT30M")
        Duration timeout();

        /** Largest archive accepted, in bytes. The official archive is about 170 MB; the default is 512 MiB. */
        @WithDefault("536870912")
        long maxBytes();
    }
}
