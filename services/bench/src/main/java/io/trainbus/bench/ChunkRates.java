package io.trainbus.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Images per second of several timed chunks.
 *
 * @param rates one rate per chunk, in the order measured
 */
public record ChunkRates(List<Double> rates) {

    public ChunkRates {
        if (rates.isEmpty()) {
            throw new IllegalArgumentException("No timed chunk: measure at least one");
        }
        rates = List.copyOf(rates);
    }

    /** Returns the median; the mean of the two middle rates for an even count. */
    public double median() {
        List<Double> sorted = sorted();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    public double min() {
        return sorted().get(0);
    }

    public double max() {
        return sorted().get(rates.size() - 1);
    }

    /** Formats as {@code median (min-max)} with the given decimals. */
    public String summary(int decimals) {
        String number = "%." + decimals + "f";
        return String.format(Locale.ROOT, number + " (" + number + "-" + number + ")", median(), min(), max());
    }

    private List<Double> sorted() {
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        return sorted;
    }
}
