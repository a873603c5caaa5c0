package io.trainbus.e2e;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.trainbus.common.files.FolderTrees;

/**
 * Snapshots a packaged {@code quarkus-app} folder before a service runs from it. A Quarkus JVM opens its jars
 * lazily, so a rebuild of the module during the test (which deletes and rewrites {@code target/quarkus-app}) would
 * otherwise make the running service fail with {@code NoSuchFileException}. Files are hard-linked when the file
 * system allows it, which takes no space and survives the deletion of the original name, and copied otherwise.
 */
public final class AppSnapshot {

    private AppSnapshot() {
    }

    /**
     * Replaces {@code destination} with a snapshot of {@code source}.
     *
     * @param source a {@code target/quarkus-app} folder
     * @param destination folder to create; an existing one is deleted first
     * @return {@code destination}
     * @throws IOException when the source is missing or a file cannot be linked or copied
     */
    public static Path take(Path source, Path destination) throws IOException {
        if (!Files.isDirectory(source)) {
            throw new IOException("The packaged application " + source + " was not found: package the services"
                    + " first, for example with `mvn -B -DskipTests package` in the checkout");
        }
        FolderTrees.delete(destination);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(source)) {
            paths = walk.toList();
        }
        for (Path path : paths) {
            Path copy = destination.resolve(source.relativize(path).toString());
            if (Files.isDirectory(path)) {
                Files.createDirectories(copy);
            } else {
                linkOrCopy(path, copy);
            }
        }
        return destination;
    }

    private static void linkOrCopy(Path file, Path copy) throws IOException {
        try {
            Files.createLink(copy, file);
        } catch (FileSystemException | UnsupportedOperationException e) {
            // Another file system or no hard-link support: a copy has the same effect.
            Files.copy(file, copy);
        }
    }
}
