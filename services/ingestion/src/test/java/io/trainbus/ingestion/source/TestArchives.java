package io.trainbus.ingestion.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds small .tar.gz archives for tests, including entries no well-made archive contains. */
final class TestArchives {

    private TestArchives() {
    }

    /** Writes an archive of regular files, name to content, in map order. */
    static Path withFiles(Path archive, Map<String, byte[]> files) throws IOException {
        try (TarArchiveOutputStream tar = open(archive)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                addFile(tar, file.getKey(), file.getValue());
            }
        }
        return archive;
    }

    /** Writes an archive with one regular file and then one symbolic link. */
    static Path withSymlink(Path archive, String fileName, String linkName, String linkTarget) throws IOException {
        try (TarArchiveOutputStream tar = open(archive)) {
            addFile(tar, fileName, new byte[] {1, 2, 3});
            TarArchiveEntry link = new TarArchiveEntry(linkName, TarConstants.LF_SYMLINK);
            link.setLinkName(linkTarget);
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return archive;
    }

    static TarArchiveOutputStream open(Path archive) throws IOException {
        OutputStream out = new GzipCompressorOutputStream(Files.newOutputStream(archive));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        return tar;
    }

    /** Adds a regular file, keeping a leading '/' so that tests can build absolute entries. */
    static void addFile(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
