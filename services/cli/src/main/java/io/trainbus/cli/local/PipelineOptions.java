package io.trainbus.cli.local;

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

    @Option(names = "--startup-timeout", paramLabel = "DURATION", defaultValue = "5m",
            converter = DurationConverter.class,
            description = "How long each process may take to become ready. Default: ${DEFAULT-VALUE}.")
    Duration startupTimeout;
}
