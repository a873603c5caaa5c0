package io.trainbus.preprocessing.augment;

import java.util.SortedSet;

/**
 * A snapshot of one job's augmentation.
 *
 * @param lastCompletedEpoch the highest epoch the trainer reported finished
 * @param storedEpochs epochs whose features and manifest are in the store
 * @param waiting true when the producer has filled its buffer (or reached the last epoch) and waits for the trainer
 */
public record AugmentationStatus(int lastCompletedEpoch, SortedSet<Integer> storedEpochs, boolean waiting) {
}
