package io.trainbus.trainer.control;

import java.util.Optional;

/** Tells a running job whether it must stop, checked before every batch and at every epoch end. */
@FunctionalInterface
public interface JobControl {

    /** A control that never stops the job. */
    JobControl NONE = Optional::empty;

    /** Returns the reason to stop, or empty to go on. */
    Optional<StopReason> stopReason();
}
