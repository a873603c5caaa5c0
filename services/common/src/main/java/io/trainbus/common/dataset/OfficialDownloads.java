package io.trainbus.common.dataset;

/**
 * The publishers' download locations of the catalog datasets. Ingestion downloads from these by default and allows
 * their origins out of the box, and the local run falls back to them when no local copy is given.
 */
public final class OfficialDownloads {

    /** Origin of the CIFAR-10 download, as an allow-list entry. */
    public static final String CIFAR10_ORIGIN = "https://www.cs.toronto.edu";
    /** The CIFAR-10 binary version archive. */
    public static final String CIFAR10_URL = CIFAR10_ORIGIN + "/~kriz/cifar-10-binary.tar.gz";
    /** Origin of the Fashion-MNIST download. The host serves plain http only. */
    public static final String FASHION_MNIST_ORIGIN = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com";
    /** The folder URL below which the four gzip-compressed IDX files of Fashion-MNIST are served. */
    public static final String FASHION_MNIST_URL = FASHION_MNIST_ORIGIN + "/";

    private OfficialDownloads() {
    }
}
