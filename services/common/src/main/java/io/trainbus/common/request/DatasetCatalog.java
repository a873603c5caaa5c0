package io.trainbus.common.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.trainbus.common.cifar.CifarFormat;
import io.trainbus.common.dataset.ImageShape;

/** The datasets a request may name, with the sizes that validation needs before any data is read. */
public final class DatasetCatalog {

    /**
     * Name, split sizes and image shape of one dataset.
     *
     * @param name the name requests use
     * @param trainCount records of the official training split
     * @param testCount records of the official test split
     * @param classCount number of classes. Labels run from 0 to classCount - 1.
     * @param shape size of every image
     */
    public record Dataset(String name, int trainCount, int testCount, int classCount, ImageShape shape) {
    }

    public static final Dataset CIFAR_10 = new Dataset(CifarFormat.DATASET, 50_000, 10_000, CifarFormat.CLASS_COUNT,
            CifarFormat.SHAPE);
    /** Zalando's 28x28 grayscale pictures of clothing, in the layout of MNIST (IDX files). */
    public static final Dataset FASHION_MNIST = new Dataset("fashion-mnist", 60_000, 10_000, 10,
            new ImageShape(28, 28, 1));

    private static final Map<String, Dataset> BY_NAME = Map.of(CIFAR_10.name(), CIFAR_10, FASHION_MNIST.name(),
            FASHION_MNIST);

    private DatasetCatalog() {
    }

    /** @return the dataset with this name, if known */
    public static Optional<Dataset> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /**
     * Looks up the dataset of a validated request.
     *
     * @param name a name that passed validation
     * @return the dataset
     * @throws IllegalArgumentException naming the known datasets when there is none of that name
     */
    public static Dataset require(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("Unknown dataset '" + name + "': use one of "
                + names() + "."));
    }

    /** @return the known dataset names, sorted */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
