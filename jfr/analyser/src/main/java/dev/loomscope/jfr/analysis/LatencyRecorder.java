package dev.loomscope.jfr.analysis;

import org.HdrHistogram.Histogram;

/** Durations in an HdrHistogram (nanoseconds, 3 significant digits) plus the exact maximum. */
final class LatencyRecorder {

    private final Histogram histogram = new Histogram(3);
    private long max;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        histogram.recordValue(value);
        max = Math.max(max, value);
    }

    /** Records {@code count} durations of the histogram bucket of {@code nanos}, the largest of which is {@code largest}. */
    void record(long nanos, long count, long largest) {
        histogram.recordValueWithCount(nanos, count);
        max = Math.max(max, largest);
    }

    void add(LatencyRecorder other) {
        histogram.add(other.histogram);
        max = Math.max(max, other.max);
    }

    Report.Latency toMillis() {
        return new Report.Latency(percentile(50), percentile(90), percentile(99), percentile(99.9), millis(max));
    }

    /** The histogram answers the top of a bucket; capping at the exact maximum keeps p99 <= max. */
    private double percentile(double percentile) {
        return millis(Math.min(histogram.getValueAtPercentile(percentile), max));
    }

    static double millis(long nanos) {
        // Three decimals (microseconds) are plenty and keep the JSON readable.
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
