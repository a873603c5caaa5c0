package io.trainbus.models;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/** Saves and restores networks as Deeplearning4j model zips: configuration, parameters and optimizer state. */
public final class Checkpoints {

    private Checkpoints() {
    }

    /**
     * Writes a network with its updater state, so training can resume with the same RMSprop averages. The zip is
     * written next to {@code file} and then moved over it, so readers never see a half-written file.
     *
     * @param net the network
     * @param file destination zip; its folder must exist
     * @throws IOException when writing fails
     */
    public static void write(MultiLayerNetwork net, Path file) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        ModelSerializer.writeModel(net, partial.toFile(), true);
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
        if (!Files.isRegularFile(file)) {
            throw new IOException("Checkpoint " + file + " does not exist");
        }
        return ModelSerializer.restoreMultiLayerNetwork(file.toFile(), true);
    }
}
