package io.trainbus.ingestion.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveExtractorTest {

    private static final SourceLayout EXPECTED = new SourceLayout("test.source", "the test dataset",
            List.of("a.bin", "b.txt"), false, "data");

    @TempDir
    Path temp;

    private ArchiveExtractor extractor(long maxBytes) {
        return new ArchiveExtractor(EXPECTED, maxBytes, 10);
    }

    private Path target() throws Exception {
        return Files.createDirectory(temp.resolve("out"));
    }

    @Test
    void extractsExpectedFilesAndSkipsOthers() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("data/a.bin", new byte[] {1, 2, 3});
        files.put("./b.txt", "names".getBytes());
        files.put("data/readme.html", "skip me".getBytes());
        Path archive = TestArchives.withFiles(temp.resolve("ok.tar.gz"), files);
        Path out = target();

        assertThat(extractor(1000).extract(archive, out)).containsExactlyInAnyOrder("a.bin", "b.txt");

        assertThat(Files.readAllBytes(out.resolve("a.bin"))).containsExactly(1, 2, 3);
        assertThat(Files.readString(out.resolve("b.txt"))).isEqualTo("names");
        assertThat(out.resolve("readme.html")).doesNotExist();
    }

    @Test
    void rejectsParentSegment() throws Exception {
        Path archive = TestArchives.withFiles(temp.resolve("dots.tar.gz"), Map.of("../x", new byte[] {1}));
        Path out = target();

        assertThatThrownBy(() -> extractor(1000).extract(archive, out))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("'../x'")
                .hasMessageContaining("'..' path segment");
        assertThat(temp.resolve("x")).doesNotExist();
    }

    @Test
    void rejectsAbsolutePath() throws Exception {
        Path archive = TestArchives.withFiles(temp.resolve("abs.tar.gz"), Map.of("/tmp/a.bin", new byte[] {1}));

        assertThatThrownBy(() -> extractor(1000).extract(archive, target()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("'/tmp/a.bin'")
                .hasMessageContaining("absolute path");
    }

    @Test
    void rejectsSymbolicLink() throws Exception {
        Path archive = TestArchives.withSymlink(temp.resolve("link.tar.gz"), "data/a.bin", "data/b.txt",
                "/etc/passwd");
        Path out = target();

        assertThatThrownBy(() -> extractor(1000).extract(archive, out))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("'data/b.txt'")
                .hasMessageContaining("link to /etc/passwd");
        assertThat(out.resolve("b.txt")).doesNotExist();
    }

    @Test
    void rejectsArchiveAboveUnpackedLimit() throws Exception {
        Path archive = TestArchives.withFiles(temp.resolve("big.tar.gz"), Map.of("a.bin", new byte[5000]));

        assertThatThrownBy(() -> extractor(4096).extract(archive, target()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("trainbus.ingestion.max-unpacked-bytes")
                .hasMessageContaining("a.bin");
    }

    @Test
    void rejectsArchiveWithTooManyEntries() throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            files.put("data/empty-" + i, new byte[0]);
        }
        Path archive = TestArchives.withFiles(temp.resolve("many.tar.gz"), files);

        assertThatThrownBy(() -> extractor(1000).extract(archive, target()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("more than 10 entries")
                .hasMessageContaining("data/empty-10")
                .hasMessageContaining("trainbus.ingestion.max-archive-entries");
    }

    @Test
    void rejectsGzipThatIsNotTar() throws Exception {
        Path archive = temp.resolve("random.tar.gz");
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(archive))) {
            out.write(noise);
        }

        assertThatThrownBy(() -> extractor(1000).extract(archive, target()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining(archive.toString())
                .hasMessageContaining("could not be read as .tar.gz");
    }

    @Test
    void rejectsFileThatIsNotGzip() throws Exception {
        Path archive = Files.writeString(temp.resolve("plain.tar.gz"), "not an archive");

        assertThatThrownBy(() -> extractor(1000).extract(archive, target()))
                .isInstanceOf(DatasetSourceException.class)
                .hasMessageContaining("could not be read as .tar.gz");
    }
}
