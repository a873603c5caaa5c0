package io.trainbus.common.request;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The datasets a request may name, with the sizes that validation needs before any data is read. */
public final class DatasetCatalog {

    /** Name, split sizes and image shape of one dataset. */
    public record Dataset(String name, int trainCount, int testCount, int classCount, int height, int width,
            int channels) {

        /** @return values per image, height x width x channels */
        public int pixelsPerImage() {
            return height * width * channels;
        }
    }

    public static final Dataset CIFAR_10 = new Dataset("cifar-10", 50_000, 10_000, 10, 32, 32, 3);

    private static final Map<String, Dataset> BY_NAME = Map.of(CIFAR_10.name(), CIFAR_10);

    private DatasetCatalog() {
    }

    /** @return the dataset with this name, if known */
    public static Optional<Dataset> find(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** @return the known dataset names, sorted */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }
}
