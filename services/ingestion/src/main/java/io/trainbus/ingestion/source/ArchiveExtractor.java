package io.trainbus.ingestion.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Unpacks the expected files of a .tar.gz archive in one streaming pass. The whole archive is rejected when any
 * entry has an absolute path, a {@code ..} segment, or is a link, device or FIFO, because such entries mark an
 * archive that was not made as a plain dataset. Other entries are skipped, and the unpacked total and the number of
 * entries are capped.
 */
public final class ArchiveExtractor {

    private final SourceLayout layout;
    private final long maxUnpackedBytes;
    private final int maxEntries;

    /** Default cap on the entries read from an archive, as {@code trainbus.ingestion.max-archive-entries}. */
    public static final int DEFAULT_MAX_ENTRIES = 1000;

    /**
     * Creates an extractor.
     *
     * @param layout the file names to take, found either at the archive root or in its archive folder
     * @param maxUnpackedBytes largest total size of the extracted files, in bytes
     * @param maxEntries largest number of entries (files, folders and skipped entries) read from the archive
     */
    public ArchiveExtractor(SourceLayout layout, long maxUnpackedBytes, int maxEntries) {
        this.layout = layout;
        this.maxUnpackedBytes = maxUnpackedBytes;
        this.maxEntries = maxEntries;
    }

    /**
     * Extracts the expected files flat into {@code target}.
     *
     * @param archive a gzip-compressed tar file
     * @param target an existing empty folder
     * @return the names of the files written
     * @throws DatasetSourceException when an entry is unsafe, the cap is exceeded or the archive is unreadable
     */
    public Set<String> extract(Path archive, Path target) throws DatasetSourceException {
        Set<String> written = new HashSet<>();
        long total = 0;
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive), 1 << 16);
                InputStream gzip = new GzipCompressorInputStream(file, true);
                TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            int entries = 0;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                entries++;
                if (entries > maxEntries) {
                    throw new DatasetSourceException("Archive " + archive + " has more than " + maxEntries
                            + " entries (trainbus.ingestion.max-archive-entries; stopped at entry '"
                            + entry.getName() + "'). Use the dataset's own archive, or raise the limit.");
                }
                checkSafe(archive, entry);
                String name = expectedName(entry);
                if (name == null) {
                    continue;
                }
                if (!written.add(name)) {
                    throw new DatasetSourceException("Archive " + archive + " contains " + name
                            + " twice. Use an archive with one copy of each dataset file.");
                }
                total += copy(archive, tar, target.resolve(name), total);
            }
        } catch (DatasetSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetSourceException("Archive " + archive + " could not be read as .tar.gz: "
                    + e.getMessage() + ". Download it again or point " + layout.setting() + " at the unpacked "
                    + "folder.", e);
        }
        return written;
    }

    private void checkSafe(Path archive, TarArchiveEntry entry) throws DatasetSourceException {
        String name = entry.getName();
        String problem = null;
        if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:.*")) {
            problem = "has an absolute path";
        } else if (List.of(name.split("[/\\\\]")).contains("..")) {
            problem = "has a '..' path segment";
        } else if (entry.isSymbolicLink() || entry.isLink()) {
            problem = "is a link to " + entry.getLinkName();
        } else if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            problem = "is a device or FIFO";
        } else if (!entry.isFile() && !entry.isDirectory()) {
            problem = "has the unsupported tar entry type '" + (char) entry.getLinkFlag() + "'";
        }
        if (problem != null) {
            throw new DatasetSourceException("Rejected archive " + archive + ": entry '" + name + "' " + problem
                    + ". Dataset archives contain only plain files and folders; use the official archive.");
        }
    }

    /** Returns the file name when the entry is one of the expected files at the root or in the folder, else null. */
    private String expectedName(TarArchiveEntry entry) {
        if (!entry.isFile()) {
            return null;
        }
        String name = entry.getName().startsWith("./") ? entry.getName().substring(2) : entry.getName();
        for (String expected : layout.allNames()) {
            if (name.equals(expected) || name.equals(layout.archiveFolder() + "/" + expected)) {
                return expected;
            }
        }
        return null;
    }

    /** Copies one entry and returns its size, failing once {@code before} plus the entry exceeds the cap. */
    private long copy(Path archive, InputStream in, Path target, long before) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(target)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (before + total > maxUnpackedBytes) {
                    throw new DatasetSourceException("Archive " + archive + " unpacks to more than "
                            + maxUnpackedBytes + " bytes (trainbus.ingestion.max-unpacked-bytes) while writing "
                            + target.getFileName() + ". Check the archive, or raise the limit.");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }
}
