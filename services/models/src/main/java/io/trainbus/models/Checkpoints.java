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
        write(net, file, null);
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
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ModelSerializer.writeModel(net, partial.toFile(), true);
        if (provenanceJson != null) {
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + partial.toUri()), Map.of())) {
                Files.writeString(zip.getPath(PROVENANCE_ENTRY), provenanceJson, StandardCharsets.UTF_8);
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
        requireFile(file);
        try (FileSystem zip = FileSystems.newFileSystem(file)) {
            Path entry = zip.getPath(PROVENANCE_ENTRY);
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
