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
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sources of a dataset whose files may be gzip-compressed, as Fashion-MNIST's: a base URL served by a loopback
 * HTTP server, a folder and an archive.
 */
class GzipLayoutSourceTest {

    private static final SourceLayout GZIP_LAYOUT = new SourceLayout("trainbus.test.source", "the test dataset",
            List.of("images", "labels"), true, "nested");

    @TempDir
    Path temp;

    private HttpServer server;
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        serve("/data/images.gz", new byte[] {1, 2});
        serve("/data/labels.gz", new byte[] {3});
        serve("/partial/images.gz", new byte[] {1, 2});
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private void serve(String path, byte[] body) {
        server.createContext(path, exchange -> {
            requests.computeIfAbsent(path, key -> new AtomicInteger()).incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    private String baseUrl(String folder) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + folder;
    }

    private SourceResolver resolver(List<String> origins) {
        SourceSettings settings = new SourceSettings(temp.resolve("cache"), Duration.ofSeconds(5),
                Duration.ofSeconds(20), 1_000, 1_000_000, 100);
        return new SourceResolver(settings, new SourcePolicy(origins, List.of(temp), "trainbus"), null,
                GZIP_LAYOUT);
    }

    @Test
    void baseUrlFilesAreDownloadedOnce() throws Exception {
        List<String> origins = List.of(baseUrl(""));

        Path first = resolver(origins).resolve(baseUrl("/data/"));
        Path second = resolver(origins).resolve(baseUrl("/data/"));

        assertThat(first).startsWith(temp.resolve("cache"));
        assertThat(Files.readAllBytes(first.resolve("images.gz"))).containsExactly(1, 2);
        assertThat(Files.readAllBytes(first.resolve("labels.gz"))).containsExactly(3);
        assertThat(second).isEqualTo(first);
        assertThat(requests.get("/data/images.gz")).as("requests for images.gz").hasValue(1);
        assertThat(requests.get("/data/labels.gz")).as("requests for labels.gz").hasValue(1);
    }

    @Test
    void missingFileBelowBaseUrlFailsWithStatus() {
        List<String> origins = List.of(baseUrl(""));

        assertThatThrownBy(() -> resolver(origins).resolve(baseUrl("/partial/")))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining(baseUrl("/partial/labels.gz"))
                .hasMessageContaining("HTTP status 404")
                .hasMessageContaining("trainbus.test.source");
    }

    @Test
    void baseUrlOutsideAllowListIsNotContacted() {
        assertThatThrownBy(() -> resolver(List.of()).resolve(baseUrl("/data/")))
                .isInstanceOf(SourceNotAllowedException.class)
                .hasMessageContaining("add " + baseUrl("") + " to " + SourcePolicy.ALLOWED_ORIGINS);
        assertThat(requests).as("requests to the server").isEmpty();
    }

    @Test
    void checksumOnBaseUrlIsRejected() {
        String pinned = baseUrl("/data/") + PinnedSource.MARKER + "0".repeat(64);

        assertThatThrownBy(() -> resolver(List.of(baseUrl(""))).resolve(pinned))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("is the base URL " + baseUrl("/data/"))
                .hasMessageContaining("applies only to an archive");
    }

    @Test
    void folderAcceptsRawOrGzipNames() throws Exception {
        Path mixed = Files.createDirectory(temp.resolve("mixed"));
        Files.write(mixed.resolve("images"), new byte[] {1});
        Files.write(mixed.resolve("labels.gz"), new byte[] {2});
        Path partial = Files.createDirectory(temp.resolve("partial"));
        Files.write(partial.resolve("images.gz"), new byte[] {1});

        assertThat(resolver(List.of()).resolve(mixed.toString())).isEqualTo(mixed);
        assertThat(GZIP_LAYOUT.find(mixed, "images")).contains(mixed.resolve("images"));
        assertThat(GZIP_LAYOUT.find(mixed, "labels")).contains(mixed.resolve("labels.gz"));
        assertThatThrownBy(() -> resolver(List.of()).resolve(partial.toString()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("is missing [labels[.gz]]");
    }

    @Test
    void archiveWithGzipFilesIsUnpacked() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("nested/images.gz", new byte[] {1, 2});
        files.put("nested/labels", new byte[] {3});
        files.put("nested/README", new byte[] {4});
        Path archive = TestArchives.withFiles(temp.resolve("dataset.tar.gz"), files);

        Path folder = resolver(List.of()).resolve(archive.toString());

        assertThat(Files.readAllBytes(folder.resolve("images.gz"))).containsExactly(1, 2);
        assertThat(Files.readAllBytes(folder.resolve("labels"))).containsExactly(3);
        assertThat(folder.resolve("README")).doesNotExist();
    }
}
