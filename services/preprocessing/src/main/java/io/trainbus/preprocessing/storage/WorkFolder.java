package io.trainbus.preprocessing.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.trainbus.common.files.FolderTrees;
import org.jboss.logging.Logger;

/** A job's temporary folder for downloaded and written files. Closing deletes it. */
public final class WorkFolder implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(WorkFolder.class);

    private final Path path;

    private WorkFolder(Path path) {
        this.path = path;
    }

    static WorkFolder create(Path parent, String jobId) throws IOException {
        return create(parent, "prepare", jobId);
    }

    /**
     * Creates a new folder named {@code trainbus-{purpose}-{jobId}-{random}}.
     *
     * @param parent folder to create it in, created when missing
     * @param purpose what the folder is for, for example {@code augment}
     * @param jobId the job it belongs to
     * @return the folder
     * @throws IOException when it cannot be created
     */
    public static WorkFolder create(Path parent, String purpose, String jobId) throws IOException {
        Files.createDirectories(parent);
        return new WorkFolder(Files.createTempDirectory(parent, "trainbus-" + purpose + "-" + jobId + "-"));
    }

    /** Creates a sub-folder and returns it. */
    public Path folder(String name) throws IOException {
        return Files.createDirectories(path.resolve(name));
    }

    /** @return the folder itself */
    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            FolderTrees.delete(path);
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the work folder %s", path);
        }
    }
}
