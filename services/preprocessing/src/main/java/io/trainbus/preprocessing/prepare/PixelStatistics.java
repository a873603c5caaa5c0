package io.trainbus.preprocessing.prepare;

/**
 * Mean and population standard deviation of pixel bytes, kept as a 256-bin histogram so that the sums are exact
 * integers whatever the order and number of images.
 */
public final class PixelStatistics {

    private final long[] histogram = new long[256];
    private long count;

    /** Counts every byte of one image, read as 0 to 255. */
    public void add(byte[] pixels) {
        for (byte pixel : pixels) {
            histogram[pixel & 0xff]++;
        }
        count += pixels.length;
    }

    /** @return pixels counted */
    public long count() {
        return count;
    }

    /** @return the mean pixel value, 0 to 255 */
    public double mean() {
        long sum = 0;
        for (int value = 0; value < histogram.length; value++) {
            sum += value * histogram[value];
        }
        return (double) sum / count;
    }

    /** @return the population standard deviation (divided by n, as numpy's default {@code ddof=0}) */
    public double standardDeviation() {
        double mean = mean();
        double squares = 0;
        for (int value = 0; value < histogram.length; value++) {
            double difference = value - mean;
            squares += difference * difference * histogram[value];
        }
        return Math.sqrt(squares / count);
    }
}
