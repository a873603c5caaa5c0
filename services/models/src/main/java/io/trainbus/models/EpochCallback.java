package io.trainbus.models;

import java.io.IOException;

/** Receives each finished epoch while the network contains that epoch's weights, for example to save them. */
@FunctionalInterface
public interface EpochCallback {

    /**
     * Handles one finished epoch; training continues when this returns.
     *
     * @param result the epoch's figures
     * @throws IOException when saving or publishing fails; the run stops with it
     */
    void epochCompleted(EpochResult result) throws IOException;
}
