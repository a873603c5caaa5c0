package io.trainbus.preprocessing.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/** A job's temporary folder for downloaded .bin files and written tensors. Closing deletes it. */
final class WorkFolder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkFolder.class);

    private final Path path;

    private WorkFolder(Path path) {
        this.path = path;
    }

    static WorkFolder create(Path parent, String jobId) throws IOException {
        Files.createDirectories(parent);
        return new WorkFolder(Files.createTempDirectory(parent, "trainbus-prepare-" + jobId + "-"));
    }

    /** Creates a sub-folder and returns it. */
    Path folder(String name) throws IOException {
        return Files.createDirectories(path.resolve(name));
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(path)) {
            for (Path file : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the work folder %s", path);
        }
    }
}
