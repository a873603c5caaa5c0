package io.trainbus.ingestion.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import io.trainbus.common.files.FolderTrees;
import io.trainbus.common.request.PrintableText;
import io.trainbus.common.storage.ObjectStore;
import org.jboss.logging.Logger;

/**
 * Turns a dataset source into a local folder that contains the dataset files. A source is an http(s) URL of a
 * .tar.gz archive, an {@code s3://bucket/key} archive in the service's own bucket, a local archive (path or
 * {@code file:} URI), or a local folder that contains the files directly or in the archive's folder. For a dataset
 * whose files may be gzip-compressed, an http(s) URL ending in {@code /} is a base URL below which each
 * {@code .gz} file is downloaded. Every source passes the {@link SourcePolicy} first, and so does every URL
 * below a base URL. Downloads and unpacked archives are kept in the cache and reused.
 */
public final class SourceResolver {

    private static final Logger LOG = Logger.getLogger(SourceResolver.class);

    /** A URI scheme followed by ':', as opposed to a relative path or a Windows drive letter. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]+:.*", Pattern.DOTALL);

    private final SourceSettings settings;
    private final SourceLayout layout;
    private final SourcePolicy policy;
    private final HttpDownloader downloader;
    private final ObjectSource objects;

    /**
     * Creates a resolver.
     *
     * @param settings cache folder and limits
     * @param policy the sources that may be read
     * @param store the service's object store, read for {@code s3:} sources
     * @param layout the dataset's files, all of which must be present, and the setting of its source
     */
    public SourceResolver(SourceSettings settings, SourcePolicy policy, ObjectStore store, SourceLayout layout) {
        this.settings = settings;
        this.layout = layout;
        this.policy = policy;
        this.downloader = new HttpDownloader(settings, policy, layout.setting());
        this.objects = new ObjectSource(store, settings);
    }

    /**
     * Checks a source against the policy without reading it.
     *
     * @param source URL, {@code file:} URI or local path
     * @throws DatasetSourceException when the source is not allowed or is not a valid URL
     */
    public void check(String source) throws DatasetSourceException {
        locate(PinnedSource.parse(source).location());
    }

    /**
     * Resolves a source to a folder. The policy is checked first, so a source it rejects is never contacted. A
     * source may end in {@code #sha256=<hex>}, and its archive must then have that SHA-256.
     *
     * @param source URL, {@code s3:} URL, {@code file:} URI or local path
     * @return a folder that contains every expected file
     * @throws DatasetSourceException when the source is not allowed, missing, unreadable, has another checksum or
     *         lacks a file
     */
    public Path resolve(String source) throws DatasetSourceException {
        PinnedSource pinned = PinnedSource.parse(source);
        Located located = locate(pinned.location());
        if (located.url() != null && isBaseUrl(located.url())) {
            pinned.requireNoDigestFor("the base URL " + located.url());
            return downloadBelow(located.url());
        }
        if (located.url() != null || located.objectKey() != null) {
            Path archive = located.url() != null ? downloader.fetch(located.url())
                    : objects.fetch(located.objectKey());
            pinned.verify(archive, true);
            return unpackCached(archive);
        }
        Path path = located.path();
        if (Files.isDirectory(path)) {
            pinned.requireNoDigestFor("the folder " + path);
            return datasetFolder(path);
        }
        if (Files.isRegularFile(path)) {
            pinned.verify(path, false);
            return unpackCached(path);
        }
        throw new DatasetSourceException("Dataset source " + pinned.location() + " not found. Set "
                + layout.setting() + " (or the request's dataset.source) to an http(s) URL, a .tar.gz archive or a "
                + "folder with the dataset files.");
    }

    /**
     * Returns whether the URL is a base URL, which means its path ends in '/' and the dataset's files can be
     * fetched one by one.
     */
    private boolean isBaseUrl(URI url) {
        return !layout.baseUrlFiles().isEmpty() && url.getRawPath() != null && url.getRawPath().endsWith("/");
    }

    /**
     * Downloads each file below a base URL into one cache folder named after the URL. Each file passes the policy
     * and the download limits on its own, and a file that is already in the folder is reused.
     */
    private Path downloadBelow(URI baseUrl) throws DatasetSourceException {
        Path folder = settings.cacheDir().resolve("downloads").resolve(CacheNames.shortDigest(baseUrl.toString()));
        for (String name : layout.baseUrlFiles()) {
            downloader.fetch(baseUrl.resolve(name), folder.resolve(name));
        }
        return folder;
    }

    /** A checked source: exactly one of an http(s) URL, an object key or a canonical local path. */
    private record Located(URI url, String objectKey, Path path) {
    }

    private Located locate(String source) throws DatasetSourceException {
        String trimmed = source.strip();
        if (!SCHEME.matcher(trimmed).matches()) {
            try {
                return new Located(null, null, policy.checkLocal(Path.of(trimmed)));
            } catch (InvalidPathException e) {
                throw new DatasetSourceException("Dataset source '" + PrintableText.of(trimmed) + "' is not a valid "
                        + "path: " + e.getReason() + ". Use an http(s) URL, an s3: URL or a local path.", e);
            }
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw new DatasetSourceException("Dataset source '" + PrintableText.of(trimmed) + "' is not a valid URL: "
                    + e.getMessage() + ". Percent-encode spaces and other special characters.", e);
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                policy.checkUrl(uri);
                return new Located(uri, null, null);
            }
            case "s3" -> {
                return new Located(null, policy.checkObject(uri), null);
            }
            case "file" -> {
                if (uri.getAuthority() != null || uri.getPath() == null) {
                    throw new SourceNotAllowedException(trimmed, "Dataset source " + trimmed + " is not allowed: "
                            + "file: URLs must name a local path without a host, for example file:///data/a.tar.gz.");
                }
                return new Located(null, null, policy.checkLocal(Path.of(uri.getPath())));
            }
            default -> throw new SourceNotAllowedException(SourcePolicy.redact(uri), "Dataset source "
                    + SourcePolicy.redact(uri) + " is not allowed: the scheme '" + scheme + "' is not supported. Use "
                    + "https, http, s3 (the service's bucket) or a local path.");
        }
    }

    private Path datasetFolder(Path folder) throws DatasetSourceException {
        Path nested = folder.resolve(layout.archiveFolder());
        Path chosen = layout.find(folder, layout.files().get(0)).isPresent() || !Files.isDirectory(nested)
                ? folder : nested;
        List<String> missing = layout.missing(name -> Files.isRegularFile(chosen.resolve(name)));
        if (!missing.isEmpty()) {
            throw new DatasetSourceException("Dataset folder " + chosen + " is missing " + missing + ". It must "
                    + "contain " + layout.missing(name -> false) + ", directly or in " + layout.archiveFolder()
                    + "/.");
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
                Set<String> written = new ArchiveExtractor(layout, settings.maxUnpackedBytes(),
                        settings.maxArchiveEntries())
                        .extract(absolute, partial);
                List<String> missing = layout.missing(written::contains);
                if (!missing.isEmpty()) {
                    throw new DatasetSourceException("Archive " + archive + " does not contain " + missing
                            + " at its root or in " + layout.archiveFolder() + "/. Use an archive of "
                            + layout.description() + ".");
                }
                moveUnlessPresent(partial, target);
            } finally {
                FolderTrees.delete(partial);
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

}
