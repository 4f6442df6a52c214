package dev.loomscope.jfr.analysis;

import java.util.Arrays;

import org.HdrHistogram.Histogram;

/**
 * Counts of small values (hops, carriers: a handful each), kept per value and put into an HdrHistogram once per
 * value: the same histogram as a value recorded at a time, without a million calls into it.
 */
final class ValueCounts {

    private long[] counts = new long[16];

    void add(long value) {
        if (value >= 0 && value < counts.length) {
            counts[(int) value]++;
        } else {
            grow(value);
            counts[(int) value]++;
        }
    }

    private void grow(long value) {
        if (value < 0 || value >= Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("value " + value + " is not a small count");
        }
        counts = Arrays.copyOf(counts, (int) Math.max(value + 1, Math.min(Integer.MAX_VALUE - 8, 2L * counts.length)));
    }

    /** Adds every count of {@code other}. */
    void add(ValueCounts other) {
        if (counts.length < other.counts.length) {
            counts = Arrays.copyOf(counts, other.counts.length);
        }
        for (int value = 0; value < other.counts.length; value++) {
            counts[value] += other.counts[value];
        }
    }

    long countOf(int value) {
        return value < counts.length ? counts[value] : 0;
    }

    /** A histogram (3 significant digits) of every value added. */
    Histogram histogram() {
        Histogram histogram = new Histogram(3);
        for (int value = 0; value < counts.length; value++) {
            if (counts[value] > 0) {
                histogram.recordValueWithCount(value, counts[value]);
            }
        }
        return histogram;
    }
}
