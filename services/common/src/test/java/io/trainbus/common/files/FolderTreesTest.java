package io.trainbus.common.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderTreesTest {

    @TempDir
    Path temp;

    @Test
    void deletesNestedFolders() throws Exception {
        Path root = temp.resolve("work");
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/file.bin"), "x");
        Files.writeString(root.resolve("top.txt"), "y");

        FolderTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(temp).exists();
    }

    @Test
    void missingFolderIsIgnored() throws Exception {
        FolderTrees.delete(temp.resolve("never-created"));

        assertThat(temp.resolve("never-created")).doesNotExist();
    }

    @Test
    void linksAreDeletedNotFollowed() throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "kept");
        Path root = Files.createDirectories(temp.resolve("work"));
        Files.createSymbolicLink(root.resolve("link"), outside);

        FolderTrees.delete(root);

        assertThat(root).doesNotExist();
        assertThat(outside.resolve("keep.txt")).hasContent("kept");
    }
}
