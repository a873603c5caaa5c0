package io.trainbus.common.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

import org.apache.commons.io.file.PathUtils;

/** Recursive deletion of work folders, caches and test data, each a folder with everything below it. */
public final class FolderTrees {

    private FolderTrees() {
    }

    /**
     * Deletes a folder and everything below it. Symbolic links inside are deleted, never followed.
     *
     * @param root the folder. A missing folder is not an error.
     * @throws IOException when an entry cannot be deleted, with the entry's path in the message
     */
    public static void delete(Path root) throws IOException {
        if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            PathUtils.delete(root);
        }
    }
}
