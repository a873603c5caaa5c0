package io.trainbus.ingestion.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * Turns a configured dataset source into a local folder that contains the dataset files. A source is an http(s)
 * URL of a .tar.gz archive, a local archive (path or {@code file:} URI), or a local folder that contains the files
 * directly or in the archive's folder. Downloads and unpacked archives are kept in the cache and reused.
 */
public final class SourceResolver {

    private static final Logger LOG = Logger.getLogger(SourceResolver.class);

    private final SourceSettings settings;
    private final List<String> expectedFiles;
    private final String archiveFolder;
    private final HttpDownloader downloader;

    /**
     * Creates a resolver.
     *
     * @param settings cache folder and limits
     * @param expectedFiles the dataset's file names, all of which must be present
     * @param archiveFolder the folder inside the archive that contains the files, for example
     *        {@code cifar-10-batches-bin}
     */
    public SourceResolver(SourceSettings settings, List<String> expectedFiles, String archiveFolder) {
        this.settings = settings;
        this.expectedFiles = List.copyOf(expectedFiles);
        this.archiveFolder = archiveFolder;
        this.downloader = new HttpDownloader(settings);
    }

    /**
     * Resolves a source to a folder.
     *
     * @param source URL, {@code file:} URI or local path
     * @return a folder that contains every expected file
     * @throws DatasetSourceException when the source is missing, unreadable or lacks a file
     */
    public Path resolve(String source) throws DatasetSourceException {
        String trimmed = source.strip();
        String lower = trimmed.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            return unpackCached(downloader.fetch(URI.create(trimmed)));
        }
        Path path = lower.startsWith("file:") ? Path.of(URI.create(trimmed)) : Path.of(trimmed);
        if (Files.isDirectory(path)) {
            return datasetFolder(path);
        }
        if (Files.isRegularFile(path)) {
            return unpackCached(path);
        }
        throw new DatasetSourceException("Dataset source " + source + " not found. Set "
                + "trainbus.ingestion.cifar10.source to an http(s) URL, a .tar.gz archive or a folder with the "
                + "dataset files.");
    }

    private Path datasetFolder(Path folder) throws DatasetSourceException {
        Path nested = folder.resolve(archiveFolder);
        Path chosen = Files.isRegularFile(folder.resolve(expectedFiles.get(0))) || !Files.isDirectory(nested)
                ? folder : nested;
        List<String> missing = new ArrayList<>();
        for (String name : expectedFiles) {
            if (!Files.isRegularFile(chosen.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new DatasetSourceException("Dataset folder " + chosen + " is missing " + missing + ". It must "
                    + "contain " + expectedFiles + ", directly or in " + archiveFolder + "/.");
        }
        return chosen;
    }

    /**
     * Unpacks an archive into a cache folder named after its path, size and modification time, so that the same
     * archive is unpacked once. The files go to a temporary folder that is renamed when complete.
     */
    private Path unpackCached(Path archive) throws DatasetSourceException {
        try {
            Path absolute = archive.toAbsolutePath().normalize();
            String identity = absolute + "|" + Files.size(absolute) + "|" + Files.getLastModifiedTime(absolute)
                    .toMillis();
            Path unpacked = settings.cacheDir().resolve("unpacked");
            Path target = unpacked.resolve(CacheNames.shortDigest(identity));
            if (Files.isDirectory(target)) {
                LOG.infof("Reusing %s, unpacked earlier from %s", target, archive);
                return datasetFolder(target);
            }
            Files.createDirectories(unpacked);
            Path partial = unpacked.resolve(target.getFileName() + ".part-" + UUID.randomUUID());
            Files.createDirectories(partial);
            try {
                Set<String> written = new ArchiveExtractor(expectedFiles, archiveFolder, settings.maxUnpackedBytes())
                        .extract(absolute, partial);
                List<String> missing = expectedFiles.stream().filter(name -> !written.contains(name)).toList();
                if (!missing.isEmpty()) {
                    throw new DatasetSourceException("Archive " + archive + " does not contain " + missing
                            + " at its root or in " + archiveFolder + "/. Use the CIFAR-10 binary version archive.");
                }
                moveUnlessPresent(partial, target);
            } finally {
                deleteTree(partial);
            }
            LOG.infof("Unpacked %s to %s", archive, target);
            return target;
        } catch (DatasetSourceException e) {
            throw e;
        } catch (IOException e) {
            throw new DatasetSourceException("Unpacking " + archive + " into " + settings.cacheDir() + " failed: "
                    + e.getMessage() + ". Check that trainbus.ingestion.cache-dir is writable and has space.", e);
        }
    }

    /**
     * Renames a finished folder into place. Another process sharing the cache may have put the same archive there
     * first, and its copy is then kept.
     */
    private static void moveUnlessPresent(Path partial, Path target) throws IOException {
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            if (!Files.isDirectory(target)) {
                throw e;
            }
            LOG.infof("%s appeared while unpacking, keeping it", target);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
