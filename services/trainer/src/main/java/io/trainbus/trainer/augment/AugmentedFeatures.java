package io.trainbus.trainer.augment;

import java.util.Optional;

import io.trainbus.common.augment.AugmentedEpochReader;
import io.trainbus.common.storage.ObjectStore;
import io.trainbus.proto.v1.TrainingRequest;
import io.trainbus.trainer.control.JobControl;
import io.trainbus.trainer.training.TrainerTimeouts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Chooses where a job's training images come from: the prepared split, or the augmented epochs preprocessing stores. */
@ApplicationScoped
public class AugmentedFeatures {

    @Inject
    ObjectStore store;

    @Inject
    TrainerTimeouts config;

    /**
     * @param request the job's request
     * @param control the job's stop requests
     * @return a source of augmented epochs when the request enables augmentation; the caller closes it
     */
    public Optional<PrefetchingEpochSource> forRequest(TrainingRequest request, JobControl control) {
        if (!request.getPreprocessing().getAugmentation().getEnabled()) {
            return Optional.empty();
        }
        return Optional.of(new PrefetchingEpochSource(new AugmentedEpochReader(store), config.augmentationTimeout(),
                control));
    }
}
