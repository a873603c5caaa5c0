package io.trainbus.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository checkout, found through the system property {@code trainbus.repo.root}. */
final class Repository {

    private Repository() {
    }

    /**
     * Returns the repository's root folder.
     *
     * @return the folder that contains deploy/ and services/
     * @throws IllegalStateException when the property is missing or names a folder without deploy/
     */
    static Path root() {
        String root = System.getProperty("trainbus.repo.root");
        if (root == null) {
            throw new IllegalStateException("system property trainbus.repo.root is not set: run the tests through "
                    + "Maven (mvn -pl deploy test), whose surefire configuration sets it");
        }
        Path path = Path.of(root).toAbsolutePath().normalize();
        if (!Files.isDirectory(path.resolve("deploy"))) {
            throw new IllegalStateException("trainbus.repo.root=" + root + " has no deploy folder: point it at the "
                    + "repository root");
        }
        return path;
    }

    /**
     * Returns a file or folder under the repository root.
     *
     * @param relative path relative to the root, with forward slashes
     * @return the absolute path
     */
    static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
