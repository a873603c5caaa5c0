package io.trainbus.ingestion.source;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides which dataset sources ingestion may read, before any connection is opened or any file is touched.
 * Everything is denied unless configured: an http(s) URL only when its scheme, host and port equal an allowed
 * origin, a local path only inside an allowed root once symbolic links are resolved, and an {@code s3:} URL only in
 * the service's own bucket.
 */
public final class SourcePolicy {

    /** Setting that lists the allowed URL origins. */
    public static final String ALLOWED_ORIGINS = "trainbus.ingestion.sources.allowed-origins";
    /** Setting that lists the allowed local folders and files. */
    public static final String ALLOWED_ROOTS = "trainbus.ingestion.sources.allowed-roots";

    /** Allowed origins as {@code scheme://host:port}, with the default port written out. */
    private final List<String> origins;
    private final List<Path> roots;
    private final String bucket;

    /**
     * Creates a policy.
     *
     * @param allowedOrigins origins such as {@code https://www.cs.toronto.edu} or {@code http://127.0.0.1:8000}
     * @param allowedRoots local folders (or single files) that sources may name, with everything below them
     * @param bucket the service's own bucket, the only one {@code s3:} sources may name
     * @throws IllegalArgumentException when an origin is not {@code http(s)://host[:port]}
     */
    public SourcePolicy(List<String> allowedOrigins, List<Path> allowedRoots, String bucket) {
        List<String> parsed = new ArrayList<>();
        for (String entry : allowedOrigins) {
            parsed.add(parseOrigin(entry.strip()));
        }
        this.origins = List.copyOf(parsed);
        this.roots = allowedRoots.stream().map(SourcePolicy::canonical).toList();
        this.bucket = bucket;
    }

    /**
     * Checks an http(s) URL, including each redirect target.
     *
     * @param url the URL
     * @throws SourceNotAllowedException when the URL carries credentials or its origin is not allowed
     */
    public void checkUrl(URI url) throws SourceNotAllowedException {
        String redacted = redact(url);
        if (url.getRawUserInfo() != null) {
            throw notAllowed(redacted, "URLs with a user name or password are not accepted, because the source "
                    + "appears in logs and events", "Serve the archive without credentials, or copy it into the "
                    + "bucket '" + bucket + "' and use s3://" + bucket + "/KEY");
        }
        String origin = originOf(url);
        if (origin == null) {
            throw notAllowed(redacted, "only http and https URLs with a host can be downloaded",
                    "Use an https URL, an s3://" + bucket + "/KEY object or a local path");
        }
        if (!origins.contains(origin)) {
            throw notAllowed(redacted, "its origin " + origin + " is not in " + ALLOWED_ORIGINS + " " + origins,
                    "To allow it, add " + shortOrigin(url) + " to " + ALLOWED_ORIGINS);
        }
    }

    /**
     * Checks a local path and returns it with symbolic links resolved, so that the caller reads the location that
     * was checked. A link created inside a root after this check is not caught.
     *
     * @param path an archive or folder, absolute or relative to the working folder
     * @return the canonical path to read
     * @throws SourceNotAllowedException when the path is outside every allowed root
     */
    public Path checkLocal(Path path) throws SourceNotAllowedException {
        Path canonical = canonical(path);
        for (Path root : roots) {
            if (canonical.startsWith(root)) {
                return canonical;
            }
        }
        String rule = roots.isEmpty() ? "no local folder is allowed (" + ALLOWED_ROOTS + " is not set)"
                : canonical + " is outside every folder in " + ALLOWED_ROOTS + " " + roots;
        // A root may be a single archive or folder, so the source itself is the narrowest entry that allows it.
        throw notAllowed(path.toString(), rule, "To allow it, add " + canonical + " (or a folder above it) to "
                + ALLOWED_ROOTS);
    }

    /**
     * Checks an {@code s3://bucket/key} URL and returns its key.
     *
     * @param url the URL
     * @return the object key
     * @throws SourceNotAllowedException when the bucket is not the service's own or the key is unsafe
     */
    public String checkObject(URI url) throws SourceNotAllowedException {
        String redacted = redact(url);
        if (!bucket.equals(url.getHost()) || url.getRawUserInfo() != null || url.getPort() != -1) {
            throw notAllowed(redacted, "only objects in this service's bucket '" + bucket + "' can be read",
                    "Copy the archive into that bucket (trainbus.storage.bucket) and use s3://" + bucket + "/KEY");
        }
        String key = url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
        if (key.isEmpty() || key.startsWith("/") || List.of(key.split("/")).contains("..")
                || List.of(key.split("/")).contains(".") || url.getRawQuery() != null) {
            throw notAllowed(redacted, "the object key '" + key + "' is empty, absolute or has a '.' or '..' segment",
                    "Name the object as s3://" + bucket + "/folder/archive.tar.gz");
        }
        return key;
    }

    /** Returns the URL without its user name and password, for messages and logs. */
    static String redact(URI url) {
        if (url.getRawUserInfo() == null) {
            return url.toString();
        }
        return url.toString().replace(url.getRawUserInfo() + "@", "***@");
    }

    private static SourceNotAllowedException notAllowed(String source, String rule, String fix) {
        return new SourceNotAllowedException(source, "Dataset source " + source + " is not allowed: " + rule + ". "
                + fix + ".");
    }

    /** Returns {@code scheme://host:port} of an http(s) URL with the port written out, or null for other URLs. */
    private static String originOf(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
            return null;
        }
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** Returns the origin as a person writes it in the setting: the port only when it is not the default. */
    private static String shortOrigin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + host + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    private static String parseOrigin(String entry) {
        URI uri;
        try {
            uri = URI.create(entry);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        String origin = uri == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                ? null : originOf(uri);
        if (origin == null) {
            throw new IllegalArgumentException("Invalid entry '" + entry + "' in " + ALLOWED_ORIGINS
                    + ": write each origin as http(s)://host or http(s)://host:port, without a path");
        }
        return origin;
    }

    /**
     * Returns the absolute, normalized path with symbolic links resolved as far as the path exists, so that a
     * link inside an allowed root cannot point outside it.
     */
    private static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        Path existing = absolute;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }
}
