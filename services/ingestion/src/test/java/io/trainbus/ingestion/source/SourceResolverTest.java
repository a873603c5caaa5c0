package io.trainbus.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import io.trainbus.common.storage.Digests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceResolverTest {

    private static final SourceLayout EXPECTED = new SourceLayout("trainbus.test.source", "the test dataset",
            List.of("a.bin", "names.txt"), false, "nested");

    @TempDir
    Path temp;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    /** Lets a stalling handler finish when the test ends. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopServer() {
        release.countDown();
        if (server != null) {
            server.stop(0);
        }
    }

    private SourceResolver resolver(long maxDownloadBytes) {
        return resolver(maxDownloadBytes, Duration.ofSeconds(20));
    }

    private SourceResolver resolver(long maxDownloadBytes, Duration downloadTimeout) {
        SourceSettings settings = new SourceSettings(temp.resolve("cache"), Duration.ofSeconds(5), downloadTimeout,
                maxDownloadBytes, 1_000_000, 100);
        // Allows the temporary folder and the test server's origin, once it runs; no object store is needed.
        List<String> origins = server == null ? List.of() : List.of(origin(server));
        return new SourceResolver(settings, new SourcePolicy(origins, List.of(temp), "trainbus"), null, EXPECTED);
    }

    private static String origin(HttpServer running) {
        return "http://127.0.0.1:" + running.getAddress().getPort();
    }

    private Path archive() throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("nested/a.bin", new byte[] {4, 5, 6});
        files.put("nested/names.txt", "x\ny\n".getBytes());
        return TestArchives.withFiles(temp.resolve("dataset.tar.gz"), files);
    }

    /** Serves {@code body} at /data/dataset.tar.gz on a loopback port and counts the requests. */
    private String serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data/dataset.tar.gz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/data/dataset.tar.gz";
    }

    @Test
    void archivePathIsUnpackedIntoCacheOnce() throws Exception {
        Path archive = archive();

        Path first = resolver(1000).resolve(archive.toString());
        Path second = resolver(1000).resolve(archive.toUri().toString());

        assertThat(first).startsWith(temp.resolve("cache"));
        assertThat(Files.readAllBytes(first.resolve("a.bin"))).containsExactly(4, 5, 6);
        assertThat(Files.readString(first.resolve("names.txt"))).isEqualTo("x\ny\n");
        assertThat(second).isEqualTo(first);
        try (Stream<Path> unpacked = Files.list(temp.resolve("cache/unpacked"))) {
            assertThat(unpacked.toList()).as("no partial folders left").hasSize(1);
        }
    }

    @Test
    void folderWithFilesDirectlyIsUsedAsIs() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("direct"));
        Files.write(folder.resolve("a.bin"), new byte[] {1});
        Files.writeString(folder.resolve("names.txt"), "x");

        assertThat(resolver(1000).resolve(folder.toString())).isEqualTo(folder);
    }

    @Test
    void folderWithNestedFilesResolvesToNestedFolder() throws Exception {
        Path nested = Files.createDirectories(temp.resolve("outer/nested"));
        Files.write(nested.resolve("a.bin"), new byte[] {1});
        Files.writeString(nested.resolve("names.txt"), "x");

        assertThat(resolver(1000).resolve(temp.resolve("outer").toString())).isEqualTo(nested);
    }

    @Test
    void folderMissingFileIsRejected() throws Exception {
        Path folder = Files.createDirectory(temp.resolve("partial"));
        Files.write(folder.resolve("a.bin"), new byte[] {1});

        assertThatThrownBy(() -> resolver(1000).resolve(folder.toString()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("missing [names.txt]");
    }

    @Test
    void missingSourceIsRejected() {
        String missing = temp.resolve("nowhere.tar.gz").toString();

        assertThatThrownBy(() -> resolver(1000).resolve(missing))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining(missing)
                .hasMessageContaining("not found")
                .hasMessageContaining("trainbus.test.source");
    }

    @Test
    void archiveWithoutExpectedFileIsRejected() throws Exception {
        Path archive = TestArchives.withFiles(temp.resolve("short.tar.gz"), Map.of("nested/a.bin", new byte[] {1}));

        assertThatThrownBy(() -> resolver(1000).resolve(archive.toString()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("does not contain [names.txt]");
        try (Stream<Path> unpacked = Files.list(temp.resolve("cache/unpacked"))) {
            assertThat(unpacked.toList()).as("the partial folder is removed").isEmpty();
        }
    }

    @Test
    void urlIsDownloadedIntoCacheOnce() throws Exception {
        String url = serve(Files.readAllBytes(archive()));

        Path first = resolver(1_000_000).resolve(url);
        Path second = resolver(1_000_000).resolve(url);

        assertThat(Files.readAllBytes(first.resolve("a.bin"))).containsExactly(4, 5, 6);
        assertThat(second).isEqualTo(first);
        assertThat(requests.get()).as("HTTP requests").isEqualTo(1);
        try (Stream<Path> downloads = Files.list(temp.resolve("cache/downloads"))) {
            assertThat(downloads.map(path -> path.getFileName().toString()).toList())
                    .singleElement().asString().endsWith("-dataset.tar.gz");
        }
    }

    @Test
    void downloadAboveSizeLimitIsRejected() throws Exception {
        String url = serve(new byte[4096]);

        assertThatThrownBy(() -> resolver(1024).resolve(url))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("too large")
                .hasMessageContaining("trainbus.ingestion.download.max-bytes");
        try (Stream<Path> downloads = Files.list(temp.resolve("cache/downloads"))) {
            assertThat(downloads.toList()).as("no partial download is left").isEmpty();
        }
    }

    @Test
    void stalledDownloadTimesOut() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/slow.tar.gz", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(new byte[] {1, 2, 3});
            exchange.getResponseBody().flush();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow.tar.gz";

        long started = System.nanoTime();
        assertThatThrownBy(() -> resolver(1024, Duration.ofSeconds(1)).resolve(url))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("timed out after PT1S");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time until the error")
                .isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void redirectWithinAllowedOriginIsFollowed() throws Exception {
        String url = serve(Files.readAllBytes(archive()));
        server.createContext("/moved.tar.gz", exchange -> {
            exchange.getResponseHeaders().add("Location", "/data/dataset.tar.gz");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });

        Path folder = resolver(1_000_000).resolve(url.replace("/data/dataset.tar.gz", "/moved.tar.gz"));

        assertThat(Files.readAllBytes(folder.resolve("a.bin"))).containsExactly(4, 5, 6);
        assertThat(requests.get()).as("requests after the redirect").isEqualTo(1);
    }

    @Test
    void redirectToOtherOriginIsRejectedUncontacted() throws Exception {
        try (ConnectionCounter elsewhere = ConnectionCounter.start()) {
            String url = serve(new byte[0]);
            server.createContext("/moved.tar.gz", exchange -> {
                exchange.getResponseHeaders().add("Location", elsewhere.url("/cifar.tar.gz"));
                exchange.sendResponseHeaders(301, -1);
                exchange.close();
            });

            assertThatThrownBy(() -> resolver(1024).resolve(url.replace("/data/dataset.tar.gz", "/moved.tar.gz")))
                    .isInstanceOf(SourceNotAllowedException.class)
                    .hasMessageContaining("redirected from")
                    .hasMessageContaining(elsewhere.url("/cifar.tar.gz"))
                    .hasMessageContaining("is not in " + SourcePolicy.ALLOWED_ORIGINS)
                    .hasMessageContaining("add http://127.0.0.1:" + elsewhere.port());
            assertThat(elsewhere.accepted()).as("connections to the redirect target").isZero();
        }
    }

    @Test
    void redirectLoopStopsAtLimit() throws Exception {
        String url = serve(new byte[0]);
        AtomicInteger hops = new AtomicInteger();
        server.createContext("/loop", exchange -> {
            hops.incrementAndGet();
            exchange.getResponseHeaders().add("Location", "/loop?n=" + hops.get());
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });

        assertThatThrownBy(() -> resolver(1024).resolve(url.replace("/data/dataset.tar.gz", "/loop")))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("redirected more than " + HttpDownloader.MAX_REDIRECTS + " times");
        assertThat(hops.get()).isEqualTo(HttpDownloader.MAX_REDIRECTS + 1);
    }

    @Test
    void sourcesOutsideAllowListAreRejectedUncontacted() throws Exception {
        try (ConnectionCounter counter = ConnectionCounter.start()) {
            String url = counter.url("/cifar-10-binary.tar.gz");

            assertThatThrownBy(() -> resolver(1024).resolve(url))
                    .isInstanceOf(SourceNotAllowedException.class)
                    .hasMessageContaining("Dataset source " + url + " is not allowed")
                    .hasMessageContaining("origin http://127.0.0.1:" + counter.port() + " is not in")
                    .hasMessageContaining("add http://127.0.0.1:" + counter.port() + " to "
                            + SourcePolicy.ALLOWED_ORIGINS);
            assertThatThrownBy(() -> resolver(1024).resolve("ftp://127.0.0.1:" + counter.port() + "/a.tar.gz"))
                    .isInstanceOf(SourceNotAllowedException.class)
                    .hasMessageContaining("scheme 'ftp' is not supported");
            assertThat(counter.accepted()).as("connections to the rejected sources").isZero();
        }
        Path outside = Files.createTempFile("outside", ".tar.gz");
        try {
            assertThatThrownBy(() -> resolver(1024).resolve(outside.toString()))
                    .isInstanceOf(SourceNotAllowedException.class)
                    .hasMessageContaining("outside every folder in " + SourcePolicy.ALLOWED_ROOTS)
                    .hasMessageContaining("To allow it, add " + outside.toRealPath() + " (or a folder above it)");
            assertThatThrownBy(() -> resolver(1024).resolve(temp.resolve("../" + outside.getFileName()).toString()))
                    .as("a '..' path that leaves the root")
                    .isInstanceOf(SourceNotAllowedException.class);
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void symbolicLinkOutOfRootIsRejected() throws Exception {
        Path outside = Files.createTempDirectory("outside");
        try {
            Files.write(outside.resolve("a.bin"), new byte[] {1});
            Files.writeString(outside.resolve("names.txt"), "x");
            Path link = Files.createSymbolicLink(temp.resolve("link"), outside);

            assertThatThrownBy(() -> resolver(1024).resolve(link.toString()))
                    .isInstanceOf(SourceNotAllowedException.class)
                    .hasMessageContaining(outside.toRealPath().toString());
        } finally {
            Files.delete(outside.resolve("a.bin"));
            Files.delete(outside.resolve("names.txt"));
            Files.delete(outside);
        }
    }

    @Test
    void archiveChecksumIsVerified() throws Exception {
        Path archive = archive();
        String digest = Digests.sha256Hex(archive);
        String wrong = "0".repeat(64);
        Path folder = Files.createDirectory(temp.resolve("direct"));

        Path unpacked = resolver(1000).resolve(archive + PinnedSource.MARKER + digest.toUpperCase());

        assertThat(Files.readAllBytes(unpacked.resolve("a.bin"))).containsExactly(4, 5, 6);
        assertThatThrownBy(() -> resolver(1000).resolve(archive + PinnedSource.MARKER + wrong))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("Checksum mismatch for dataset source " + archive)
                .hasMessageContaining("has SHA-256 " + digest)
                .hasMessageContaining("names " + wrong);
        assertThat(archive).as("a local archive is never deleted").exists();
        assertThatThrownBy(() -> resolver(1000).resolve(archive + PinnedSource.MARKER + "abc"))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("Invalid checksum 'abc'");
        assertThatThrownBy(() -> resolver(1000).resolve(folder + PinnedSource.MARKER + digest))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("applies only to an archive");
    }

    @Test
    void mismatchedDownloadLeavesTheCache() throws Exception {
        byte[] body = Files.readAllBytes(archive());
        String url = serve(body);

        assertThatThrownBy(() -> resolver(1_000_000).resolve(url + PinnedSource.MARKER + "0".repeat(64)))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("Checksum mismatch");
        try (Stream<Path> downloads = Files.list(temp.resolve("cache/downloads"))) {
            assertThat(downloads.toList()).as("cached downloads after the mismatch").isEmpty();
        }
        Path folder = resolver(1_000_000).resolve(url + PinnedSource.MARKER + Digests.sha256Hex(body));

        assertThat(Files.readAllBytes(folder.resolve("a.bin"))).containsExactly(4, 5, 6);
        assertThat(requests.get()).as("downloads, the second after the mismatch").isEqualTo(2);
    }

    @Test
    void httpErrorStatusIsReported() throws Exception {
        String url = serve(new byte[0]).replace("dataset.tar.gz", "missing.tar.gz");

        assertThatThrownBy(() -> resolver(1024).resolve(url))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("HTTP status 404");
    }
}
