package io.trainbus.ingestion.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * Downloads a file over HTTP(S) into the cache once. The body goes to a temporary name in the same folder and is
 * renamed when complete, so a file under the final name is always whole and a later call reuses it.
 */
public final class HttpDownloader {

    private static final Logger LOG = Logger.getLogger(HttpDownloader.class);

    /** Maximum redirects followed for one download; an archive host needs one or two. */
    static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECT_STATUSES = Set.of(301, 302, 303, 307, 308);

    private final SourceSettings settings;
    private final SourcePolicy policy;
    private final String setting;
    private final HttpClient client;

    /**
     * Creates a downloader.
     *
     * @param settings cache folder, timeouts and size limit
     * @param policy the allowed origins, checked again on every redirect
     * @param setting the property of the dataset's configured source, named in error messages
     */
    public HttpDownloader(SourceSettings settings, SourcePolicy policy, String setting) {
        this.settings = settings;
        this.policy = policy;
        this.setting = setting;
        // Redirects are followed here, not by the client, so that each target is checked before it is contacted.
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Returns the cached copy of {@code uri}, downloading it first when the cache has none.
     *
     * @param uri an http or https URL
     * @return the local file
     * @throws DatasetSourceException when the URL or a redirect target is not allowed, or the download fails, times
     *         out or exceeds the size limit
     */
    public Path fetch(URI uri) throws DatasetSourceException {
        Path folder = settings.cacheDir().resolve("downloads");
        return fetch(uri, folder.resolve(CacheNames.shortDigest(uri.toString()) + "-" + lastSegment(uri)));
    }

    /**
     * Returns {@code target} when it exists, and otherwise downloads {@code uri} to it first.
     *
     * @param uri an http or https URL
     * @param target the file in the cache that keeps this URL's content
     * @return {@code target}
     * @throws DatasetSourceException when the URL or a redirect target is not allowed, or the download fails, times
     *         out or exceeds the size limit
     */
    public Path fetch(URI uri, Path target) throws DatasetSourceException {
        policy.checkUrl(uri);
        Path folder = target.getParent();
        if (Files.isRegularFile(target)) {
            LOG.infof("Reusing %s, downloaded earlier from %s", target, uri);
            return target;
        }
        Path partial = folder.resolve(target.getFileName() + ".part-" + UUID.randomUUID());
        try {
            Files.createDirectories(folder);
            long started = System.nanoTime();
            long bytes = download(uri, partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            LOG.infof("Downloaded %d bytes from %s to %s in %d ms", bytes, uri, target,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return target;
        } catch (IOException e) {
            throw e instanceof DatasetSourceException source ? source : new DatasetSourceException(
                    "Download of " + uri + " to " + target + " failed: " + e.getMessage()
                            + ". Check the URL and the network, or set " + setting + " to a local copy of the "
                            + "dataset.", e);
        } finally {
            deleteQuietly(partial);
        }
    }

    private long download(URI uri, Path partial) throws IOException {
        long deadline = System.nanoTime() + settings.downloadTimeout().toNanos();
        HttpResponse<InputStream> response = followRedirects(uri, deadline);
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DatasetSourceException("Download of " + uri + " failed with HTTP status "
                        + response.statusCode() + ". Check the URL in " + setting
                        + " or in the request's dataset.source.");
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > settings.maxDownloadBytes()) {
                throw tooLarge(uri, declared + " bytes declared");
            }
            return copyBefore(deadline, uri, body, partial);
        }
    }

    /**
     * Sends the request and follows up to {@link #MAX_REDIRECTS} redirects, checking each target against the policy
     * before contacting it. The deadline covers every hop.
     */
    private HttpResponse<InputStream> followRedirects(URI uri, long deadline) throws IOException {
        URI current = uri;
        for (int redirects = 0; ; redirects++) {
            HttpResponse<InputStream> response = send(uri, current, deadline);
            if (!REDIRECT_STATUSES.contains(response.statusCode())) {
                return response;
            }
            response.body().close();
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                throw new DatasetSourceException("Download of " + uri + ": " + current + " returned HTTP "
                        + response.statusCode() + " without a Location header. Check the URL of the source.");
            }
            if (redirects == MAX_REDIRECTS) {
                throw new DatasetSourceException("Download of " + uri + " was redirected more than " + MAX_REDIRECTS
                        + " times. Use the final URL of the archive.");
            }
            URI next;
            try {
                next = current.resolve(location);
            } catch (IllegalArgumentException e) {
                throw new DatasetSourceException("Download of " + uri + ": " + current + " redirected to the "
                        + "invalid URL '" + location + "'. Use the final URL of the archive.", e);
            }
            try {
                policy.checkUrl(next);
            } catch (SourceNotAllowedException e) {
                throw new SourceNotAllowedException(e.source(), "Download of " + uri + " was redirected from "
                        + current + " to " + e.source() + ", which was not contacted. " + e.getMessage());
            }
            LOG.infof("Download of %s redirected from %s to %s", uri, current, next);
            current = next;
        }
    }

    private HttpResponse<InputStream> send(URI uri, URI current, long deadline) throws IOException {
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (left.isNegative() || left.isZero()) {
            throw timedOut(uri);
        }
        HttpRequest request = HttpRequest.newBuilder(current).timeout(left).GET().build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut(uri);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetSourceException("Download of " + uri + " was interrupted", e);
        }
    }

    /**
     * Copies the body on a helper thread so that a stalled connection cannot outlast the deadline. When time runs
     * out, this method closes the body and interrupts the helper, whose blocked read then fails.
     */
    private long copyBefore(long deadline, URI uri, InputStream body, Path partial) throws IOException {
        ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "trainbus-download");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Long> copy = executor.submit(() -> copyCapped(uri, body, partial));
            return copy.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            body.close();
            throw timedOut(uri);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new DatasetSourceException("Download of " + uri
                    + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetSourceException("Download of " + uri + " was interrupted", e);
        } finally {
            executor.shutdownNow();
        }
    }

    private long copyCapped(URI uri, InputStream body, Path partial) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(partial)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                total += n;
                if (total > settings.maxDownloadBytes()) {
                    throw tooLarge(uri, "more than " + settings.maxDownloadBytes() + " bytes received");
                }
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private DatasetSourceException timedOut(URI uri) {
        return new DatasetSourceException("Download of " + uri + " timed out after " + settings.downloadTimeout()
                + ". Raise trainbus.ingestion.download.timeout or use a local copy of the dataset.");
    }

    private DatasetSourceException tooLarge(URI uri, String observed) {
        return new DatasetSourceException("Download of " + uri + " is too large (" + observed + ", limit "
                + settings.maxDownloadBytes() + " bytes). Check the URL, or raise "
                + "trainbus.ingestion.download.max-bytes.");
    }

    private static String lastSegment(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        String name = path.substring(path.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() ? "download" : name;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf(e, "Could not delete the partial download %s", file);
        }
    }
}
