package io.trainbus.models;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Saves and restores networks as Deeplearning4j model zips: configuration, parameters and optimizer state, plus an
 * optional provenance document that records which request and data produced the weights.
 */
public final class Checkpoints {

    /** Zip entry with the provenance document; Deeplearning4j's reader ignores entries it does not know. */
    public static final String PROVENANCE_ENTRY = "trainbus-provenance.json";

    private Checkpoints() {
    }

    /**
     * Writes a network with its updater state, so training can resume with the same RMSprop averages.
     *
     * @param net the network
     * @param file destination zip; its folder must exist
     * @throws IOException when writing fails
     */
    public static void write(MultiLayerNetwork net, Path file) throws IOException {
        write(net, file, Map.of());
    }

    /**
     * Writes a network with its updater state and a provenance document. The zip is written next to {@code file}
     * and then moved over it, so readers never see a half-written file.
     *
     * @param net the network
     * @param file destination zip; its folder must exist
     * @param provenanceJson JSON text stored as {@link #PROVENANCE_ENTRY}, or null for none
     * @throws IOException when writing fails
     */
    public static void write(MultiLayerNetwork net, Path file, String provenanceJson) throws IOException {
        write(net, file, provenanceJson == null ? Map.of() : Map.of(PROVENANCE_ENTRY, provenanceJson));
    }

    /**
     * Writes a network with its updater state, its iteration and epoch counters, and extra text entries such as the
     * provenance or the training state of a resumable run. The zip is written next to {@code file} and then moved
     * over it, so readers never see a half-written file.
     *
     * @param net the network
     * @param file destination zip; its folder must exist
     * @param entries zip entry name to UTF-8 text; names must differ from Deeplearning4j's own entries
     * @throws IOException when writing fails
     */
    public static void write(MultiLayerNetwork net, Path file, Map<String, String> entries) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ModelSerializer.writeModel(net, partial.toFile(), true);
        if (!entries.isEmpty()) {
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + partial.toUri()), Map.of())) {
                for (Map.Entry<String, String> entry : entries.entrySet()) {
                    Files.writeString(zip.getPath(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
                }
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Reads a network written by {@link #write}.
     *
     * @param file the zip
     * @return the network with its updater state
     * @throws IOException when the file is missing or is not a Deeplearning4j model zip
     */
    public static MultiLayerNetwork read(Path file) throws IOException {
        requireFile(file);
        NativeRuntime.enableLayerHelpers();
        return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
    }

    /**
     * Reads the provenance document of a checkpoint.
     *
     * @param file the zip
     * @return the JSON text, or empty when the checkpoint was written without one
     * @throws IOException when the file is missing or is not a zip
     */
    public static Optional<String> readProvenance(Path file) throws IOException {
        return readEntry(file, PROVENANCE_ENTRY);
    }

    /**
     * Reads a text entry that {@link #write(MultiLayerNetwork, Path, Map)} stored.
     *
     * @param file the zip
     * @param name the entry name
     * @return the UTF-8 text, or empty when the zip has no such entry
     * @throws IOException when the file is missing or is not a zip
     */
    public static Optional<String> readEntry(Path file, String name) throws IOException {
        requireFile(file);
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            Path entry = zip.getPath(name);
            if (!Files.exists(entry)) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(entry, StandardCharsets.UTF_8));
        }
    }

    private static void requireFile(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("Checkpoint " + file + " does not exist");
        }
    }
}
