package io.trainbus.cli.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.trainbus.cli.DurationConverter;
import picocli.CommandLine.Option;

/** Options shared by the commands that start the local stack and the four services. */
public class PipelineOptions {

    @Option(names = "--home", paramLabel = "DIR", defaultValue = ".",
            description = "trainbus checkout whose build output is run. Default: the current folder.")
    Path home;

    @Option(names = "--cifar10", paramLabel = "PATH_OR_URL", defaultValue = LocalRunCommand.CIFAR10_URL,
            description = "CIFAR-10 binary archive (cifar-10-binary.tar.gz) as a file, a folder holding its .bin "
                    + "files, or a URL. Default: ${DEFAULT-VALUE}.")
    String cifar10;

    @Option(names = "--fashion-mnist", paramLabel = "PATH_OR_URL",
            description = "Fashion-MNIST: a folder or .tar.gz archive holding its four IDX files, or the base URL "
                    + "they are under. Default: " + LocalRunCommand.FASHION_MNIST_FOLDER + " (Debian package "
                    + "dataset-fashion-mnist) when it exists, else " + LocalRunCommand.FASHION_MNIST_URL + ".")
    String fashionMnist;

    @Option(names = "--startup-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long each process may take to become ready. Default: ${DEFAULT-VALUE}.")
    Duration startupTimeout;

    /**
     * Resolves both dataset options.
     *
     * @return absolute paths or URLs
     * @throws LocalRunException when a local path does not exist or a URL is malformed
     */
    DatasetSources datasetSources() throws LocalRunException {
        String fashion = fashionMnist;
        if (fashion == null) {
            boolean installed = Files.isDirectory(Path.of(LocalRunCommand.FASHION_MNIST_FOLDER));
            fashion = installed ? LocalRunCommand.FASHION_MNIST_FOLDER : LocalRunCommand.FASHION_MNIST_URL;
        }
        return new DatasetSources(LocalRunCommand.resolveSource("--cifar10", cifar10),
                LocalRunCommand.resolveSource("--fashion-mnist", fashion));
    }
}
