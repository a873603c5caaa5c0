package io.trainbus.ingestion.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.trainbus.common.dataset.OfficialDownloads;
import io.trainbus.ingestion.source.ArchiveExtractor;

/** Settings of the ingestion service, under {@code trainbus.ingestion}. */
@ConfigMapping(prefix = "trainbus.ingestion")
public interface IngestionConfig {

    /** Source settings of CIFAR-10. */
    @WithName("cifar10")
    Cifar10 cifar10();

    /** Source settings of Fashion-MNIST. */
    @WithName("fashion-mnist")
    FashionMnist fashionMnist();

    /** Folder that keeps downloads and unpacked archives between jobs. */
    @WithDefault("${user.home}/.cache/trainbus")
    Path cacheDir();

    /** HTTP download limits. */
    Download download();

    /** Allow-list of dataset sources; any other source is rejected before it is contacted. */
    Sources sources();

    /**
     * Largest request accepted on {@code trainbus.requests}, in bytes; larger ones are rejected and dead-lettered.
     * Real requests are under 2 KiB, so the default of 64 KiB leaves room for long custom layer lists.
     */
    @WithDefault("65536")
    int maxRequestBytes();

    /**
     * Maximum total size in bytes of the files taken from an archive. The CIFAR-10 files unpack to about
     * 184 MB, so the default of 1 GiB leaves room but still stops an archive that expands without bound. It also
     * caps each record file converted from IDX files (47 MB for Fashion-MNIST's training split).
     */
    @WithDefault("1073741824")
    long maxUnpackedBytes();

    /**
     * Largest number of entries read from an archive. The CIFAR-10 archive has 9; the default of 1,000 stops an
     * archive of millions of empty entries, which the byte cap alone would not.
     */
    @WithDefault("" + ArchiveExtractor.DEFAULT_MAX_ENTRIES)
    int maxArchiveEntries();

    /** Source of the CIFAR-10 binary version. */
    interface Cifar10 {

        /**
         * An http(s) URL of the .tar.gz archive, an {@code s3://bucket/key} archive in the service's bucket, a local
         * archive (path or {@code file:} URI), or a local folder with the .bin files directly or in
         * {@code cifar-10-batches-bin/}. Used when a request leaves {@code dataset.source} empty, and checked against
         * the same allow-list.
         */
        @WithDefault(OfficialDownloads.CIFAR10_URL)
        String source();
    }

    /** Source of Fashion-MNIST's four IDX files. */
    interface FashionMnist {

        /**
         * An http(s) base URL ending in {@code /} below which the four {@code .gz} files are downloaded, a .tar.gz
         * archive (local path, {@code file:} URI, http(s) URL or {@code s3://bucket/key} in the service's bucket)
         * with the files at its root or in {@code fashion-mnist/}, or a local folder with the files, such as
         * {@code /usr/share/datasets/fashion-mnist} of the Debian package dataset-fashion-mnist. Each file is
         * {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte}, {@code t10k-images-idx3-ubyte} or
         * {@code t10k-labels-idx1-ubyte}, gzip-compressed when its name ends in {@code .gz} and raw otherwise.
         * The default is the official host, which serves plain http only. The files are therefore not protected in
         * transit, so use a local copy or a trusted https mirror in production.
         */
        @WithDefault(OfficialDownloads.FASHION_MNIST_URL)
        String source();
    }

    /** Allowed origins and local roots, applied to the configured source and to a request's {@code dataset.source}. */
    interface Sources {

        /**
         * URL origins that may be downloaded from, each {@code http(s)://host} or {@code http(s)://host:port}.
         * Scheme, host and port must all match, on the first request and on every redirect. The default allows the
         * official hosts of CIFAR-10 and Fashion-MNIST.
         */
        @WithDefault(OfficialDownloads.CIFAR10_ORIGIN + "," + OfficialDownloads.FASHION_MNIST_ORIGIN)
        List<String> allowedOrigins();

        /** Local folders (or single archives) that may be read, with everything below them. None by default. */
        Optional<List<Path>> allowedRoots();
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
