package io.trainbus.models;

import java.io.IOException;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Supplies each epoch's training images, for example augmented ones prepared ahead of the trainer. */
@FunctionalInterface
public interface EpochFeatures {

    /**
     * Returns the training images of one epoch. The loop closes the array after the epoch.
     *
     * @param epoch 1-based epoch
     * @return images of shape [n, d], row i showing the same record as row i of the labels
     * @throws IOException when the images cannot be read
     */
    INDArray forEpoch(int epoch) throws IOException;
}
