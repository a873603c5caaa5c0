package io.trainbus.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** File-system helpers of the end-to-end test. */
public final class Folders {

    private Folders() {
    }

    /**
     * Deletes a folder and everything in it; a missing folder is not an error.
     *
     * @param folder the folder
     * @throws IOException when an entry cannot be deleted
     */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
