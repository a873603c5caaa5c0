package io.trainbus.trainer.training;

import io.trainbus.models.EpochResult;
import io.trainbus.proto.v1.EpochCompleted;
import io.trainbus.proto.v1.TrainingRequest;

/** Receives each finished epoch of a job, after its best checkpoint (if replaced) is uploaded. */
@FunctionalInterface
public interface EpochObserver {

    /**
     * Handles one epoch.
     *
     * @param request the job's request
     * @param result the epoch's figures
     * @param event the event built from them, ready to publish
     * @param images training images in the epoch
     */
    void epochCompleted(TrainingRequest request, EpochResult result, EpochCompleted event, long images);
}
