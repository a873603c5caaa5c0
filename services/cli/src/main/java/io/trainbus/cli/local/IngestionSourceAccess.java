package io.trainbus.cli.local;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the environment that lets the local ingestion service read the one CIFAR-10 source given to
 * {@code --cifar10}. Ingestion denies every source that its allow-list does not name, so the local run names exactly
 * this source: its origin for a URL, or the archive or folder itself for a local path.
 */
final class IngestionSourceAccess {

    /** Origin of the official archive, which ingestion allows by default and which stays allowed here. */
    static final String OFFICIAL_ORIGIN = "https://www.cs.toronto.edu";

    private IngestionSourceAccess() {
    }

    /**
     * Returns the environment variables that allow {@code source}.
     *
     * @param source an http(s) URL, a {@code file:} URI or an absolute local path, as returned by
     *        {@link LocalRunCommand#resolveCifar10}
     * @return {@code TRAINBUS_INGESTION_SOURCES_ALLOWED_ORIGINS} or {@code TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS}
     */
    static Map<String, String> environment(String source) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            URI uri = URI.create(source);
            if (uri.getHost() == null) {
                // Nothing to allow: ingestion rejects the URL with a message that names it.
                return Map.of();
            }
            String origin = uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
            String origins = origin.equals(OFFICIAL_ORIGIN) ? origin : OFFICIAL_ORIGIN + "," + origin;
            return Map.of("TRAINBUS_INGESTION_SOURCES_ALLOWED_ORIGINS", origins);
        }
        Path path = lower.startsWith("file:") ? Path.of(URI.create(source)) : Path.of(source);
        // SmallRye Config splits list values on commas, so a comma inside the path is escaped.
        return Map.of("TRAINBUS_INGESTION_SOURCES_ALLOWED_ROOTS", path.toString().replace(",", "\\,"));
    }
}
