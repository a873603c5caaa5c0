package io.trainbus.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Loads the tensors that preprocessing writes. */
public final class Tensors {

    private Tensors() {
    }

    /**
     * Reads a float32 matrix from a NumPy {@code .npy} file into off-heap memory.
     *
     * @param file a little-endian float32 {@code .npy} file of shape [n, d]
     * @return the matrix, shape [n, d]
     * @throws IllegalArgumentException when the file is missing, unreadable, not float32 or not two-dimensional
     */
    public static INDArray loadNpy(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("Tensor file " + file + " does not exist");
        }
        INDArray array;
        try {
            array = Nd4j.createFromNpyFile(file.toFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Tensor file " + file + " is not a readable .npy file: "
                    + e.getMessage(), e);
        }
        if (array.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException("Tensor file " + file + " contains " + array.dataType()
                    + " values: expected float32");
        }
        if (array.rank() != 2) {
            throw new IllegalArgumentException("Tensor file " + file + " has shape " + Arrays.toString(array.shape())
                    + ": expected two dimensions [n, d]");
        }
        return array;
    }
}
