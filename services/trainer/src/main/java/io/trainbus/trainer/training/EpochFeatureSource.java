package io.trainbus.trainer.training;

import java.io.IOException;
import java.nio.file.Path;

import io.trainbus.proto.v1.DatasetPrepared;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Supplies the training images of one epoch of a job, for example the augmented images preprocessing wrote. */
@FunctionalInterface
public interface EpochFeatureSource {

    /**
     * Returns one epoch's training images; the training loop closes the array after the epoch.
     *
     * @param prepared the job's prepared data
     * @param epoch 1-based epoch
     * @param workDir the job's temporary folder, for downloads
     * @return images of shape [n, pixels per image], row i showing the same record as row i of the prepared labels
     * @throws IOException when the images cannot be fetched or read
     */
    INDArray features(DatasetPrepared prepared, int epoch, Path workDir) throws IOException;
}
