package io.trainbus.cli.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.trainbus.common.dataset.OfficialDownloads;

/**
 * Builds the environment that lets the local ingestion service read the dataset sources given on the command line.
 * Ingestion rejects every source that is not on its allow-list, so the local run adds the origin of each URL and
 * the path of each local archive or folder. Entries the user already set in the same variables
 * are kept, so a request may also name a folder allowed that way.
 */
final class IngestionSourceAccess {

    static final String ALLOWED_ORIGINS = "TRAINBUS_INGESTION_SOURCES_ALLOWED_ORIGINS";
    static final String ALLOWED_ROOTS = "TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS";
    /**
     * Origins of the official downloads, which ingestion allows by default. Setting the origins replaces that
     * default, so these are kept next to any other origin.
     */
    static final List<String> OFFICIAL_ORIGINS = List.of(OfficialDownloads.CIFAR10_ORIGIN,
            OfficialDownloads.FASHION_MNIST_ORIGIN);

    private IngestionSourceAccess() {
    }

    /**
     * Returns the environment variables that allow the sources.
     *
     * @param sources http(s) URLs, {@code file:} URIs or absolute local paths, as returned by
     *        {@link LocalRunCommand#resolveSource}
     * @param inherited the environment the services inherit, whose allow-list entries are kept
     * @return {@value #ALLOWED_ORIGINS} when a URL has an origin other than the allowed ones, and
     *         {@value #ALLOWED_ROOTS} when a source is local
     */
    static Map<String, String> environment(List<String> sources, Map<String, String> inherited) {
        String inheritedOrigins = inherited.getOrDefault(ALLOWED_ORIGINS, "");
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : inheritedOrigins.isBlank() ? OFFICIAL_ORIGINS : List.of(inheritedOrigins.split(","))) {
            origins.add(origin.strip());
        }
        int allowedBefore = origins.size();
        List<String> roots = new ArrayList<>();
        String inheritedRoots = inherited.getOrDefault(ALLOWED_ROOTS, "");
        if (!inheritedRoots.isBlank()) {
            roots.add(inheritedRoots);
        }
        for (String source : sources) {
            String lower = source.toLowerCase(Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                URI uri = URI.create(source);
                // A URL without a host is left out, because ingestion rejects it with a message that names it.
                if (uri.getHost() != null) {
                    origins.add(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(
                            Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
                }
                continue;
            }
            Path path = lower.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source);
            // SmallRye Config splits list values on commas, so a comma inside the path is escaped.
            roots.add(path.toString().replace(",", "\\,"));
        }
        Map<String, String> environment = new LinkedHashMap<>();
        if (origins.size() > allowedBefore) {
            environment.put(ALLOWED_ORIGINS, String.join(",", origins));
        }
        if (!roots.isEmpty()) {
            environment.put(ALLOWED_ROOTS, String.join(",", roots));
        }
        return environment;
    }
}
