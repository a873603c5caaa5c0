package io.trainbus.trainer.training;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One split's images and one-hot labels in off-heap memory, released by {@link #close} rather than by garbage
 * collection, because the training split alone is 553 MB.
 */
record LabeledTensors(INDArray features, INDArray labels) implements AutoCloseable {

    @Override
    public void close() {
        features.close();
        labels.close();
    }
}
