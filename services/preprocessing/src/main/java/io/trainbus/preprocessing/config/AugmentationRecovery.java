package io.trainbus.preprocessing.config;

import io.quarkus.runtime.StartupEvent;
import io.trainbus.preprocessing.augment.AugmentationScheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Resumes the augmentations that were running when the service last stopped. */
@ApplicationScoped
public class AugmentationRecovery {

    private static final Logger LOG = Logger.getLogger(AugmentationRecovery.class);

    void resume(@Observes StartupEvent event, AugmentationScheduler scheduler) {
        try {
            scheduler.recover();
        } catch (RuntimeException e) {
            // The service still prepares new jobs; a job whose augmentation is not resumed here resumes on its
            // trainer's next EpochCompleted.
            LOG.errorf(e, "Resuming the stored augmentations failed");
        }
    }
}
