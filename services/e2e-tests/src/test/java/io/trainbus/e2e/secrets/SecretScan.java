package io.trainbus.e2e.secrets;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Searches logs, event payloads and stored documents for the credentials a test gave the services. Each secret is
 * searched as written, percent-encoded (as inside a URL) and Base64-encoded on its own. Base64 of a longer text that
 * contains the secret, such as an HTTP Basic header, is not found. A finding names the place and the secret's name,
 * never its value.
 *
 * <p>Usage: {@code SecretScan.of(Map.of("S3 secret key", secret)).scanFolder(logs).scanRecords(events)
 * .assertClean()}.
 */
public final class SecretScan {

    /**
     * Shortest secret accepted, in characters. A shorter value would match ordinary text by chance, so a test must
     * make its credentials at least this long.
     */
    public static final int MIN_SECRET_CHARS = 8;

    /** One place where a secret appeared. */
    public record Finding(String place, String secretName) {

        @Override
        public String toString() {
            return place + " contains the " + secretName;
        }
    }

    /** Every form searched, by the secret name plus the form, for example {@code S3 secret key (Base64)}. */
    private final Map<String, byte[]> needles = new LinkedHashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<String> scanned = new ArrayList<>();

    private SecretScan(Map<String, String> secrets) {
        secrets.forEach((name, value) -> {
            if (value == null || value.length() < MIN_SECRET_CHARS) {
                throw new IllegalArgumentException("The " + name + " is shorter than " + MIN_SECRET_CHARS
                        + " characters, so a scan for it would match ordinary text. Use a longer test secret.");
            }
            needles.put(name, value.getBytes(StandardCharsets.UTF_8));
            String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8);
            if (!encoded.equals(value)) {
                needles.put(name + " (percent-encoded)", encoded.getBytes(StandardCharsets.UTF_8));
            }
            needles.put(name + " (Base64)", Base64.getEncoder().withoutPadding()
                    .encode(value.getBytes(StandardCharsets.UTF_8)));
        });
    }

    /**
     * Creates a scan.
     *
     * @param secrets each secret by a name used in findings, for example {@code "S3 secret key"}
     * @return a scan with no findings yet
     * @throws IllegalArgumentException when a secret is shorter than {@link #MIN_SECRET_CHARS}
     */
    public static SecretScan of(Map<String, String> secrets) {
        return new SecretScan(secrets);
    }

    /**
     * Scans every regular file below a folder, line by line.
     *
     * @param folder a folder of logs; a missing folder is an error, because the scan would prove nothing
     * @return this scan
     */
    public SecretScan scanFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            throw new IOException("Folder " + folder + " to scan for secrets does not exist");
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return scanFiles(files.filter(Files::isRegularFile).sorted().toList());
        }
    }

    /**
     * Scans files line by line.
     *
     * @param files log or report files
     * @return this scan
     */
    public SecretScan scanFiles(Collection<Path> files) throws IOException {
        for (Path file : files) {
            // Latin-1 maps every byte to one character, so no line is lost to a decoding error.
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            for (int i = 0; i < lines.size(); i++) {
                scanText(file + ":" + (i + 1), lines.get(i).getBytes(StandardCharsets.ISO_8859_1));
            }
            scanned.add(file.toString());
        }
        return this;
    }

    /**
     * Scans the keys, values and headers of Kafka records.
     *
     * @param records records as consumed
     * @return this scan
     */
    public SecretScan scanRecords(Collection<ConsumerRecord<String, byte[]>> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            String place = "record " + record.topic() + "-" + record.partition() + "@" + record.offset();
            scanText(place + " key", record.key() == null ? new byte[0]
                    : record.key().getBytes(StandardCharsets.UTF_8));
            scanText(place + " value", record.value() == null ? new byte[0] : record.value());
            record.headers().forEach(header -> scanText(place + " header " + header.key(),
                    header.value() == null ? new byte[0] : header.value()));
            scanned.add(place);
        }
        return this;
    }

    /**
     * Scans one document, such as a stored report.
     *
     * @param place what the bytes are, for findings
     * @param bytes the document
     * @return this scan
     */
    public SecretScan scanBytes(String place, byte[] bytes) {
        scanText(place, bytes);
        scanned.add(place);
        return this;
    }

    /** @return every finding so far */
    public List<Finding> findings() {
        return List.copyOf(findings);
    }

    /** @return the files, records and documents scanned so far */
    public List<String> scanned() {
        return List.copyOf(scanned);
    }

    /**
     * Fails when a secret was found, or when nothing was scanned.
     *
     * @throws AssertionError listing every place, without the secrets' values
     */
    public void assertClean() {
        if (scanned.isEmpty()) {
            throw new AssertionError("The secret scan read nothing, so it proves nothing");
        }
        if (!findings.isEmpty()) {
            StringBuilder message = new StringBuilder("Credentials were found in " + findings.size() + " places:");
            findings.forEach(finding -> message.append("\n  ").append(finding));
            throw new AssertionError(message.toString());
        }
    }

    private void scanText(String place, byte[] haystack) {
        needles.forEach((name, needle) -> {
            if (indexOf(haystack, needle) >= 0) {
                findings.add(new Finding(place, name));
            }
        });
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int start = 0; start <= haystack.length - needle.length; start++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[start + i] != needle[i]) {
                    continue outer;
                }
            }
            return start;
        }
        return -1;
    }
}
