package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * Durations counted in the buckets an HdrHistogram of 3 significant digits from 1 ns uses, then handed to a
 * {@link LatencyRecorder} once per bucket: the same histogram and maximum as recording each duration, for a few
 * instructions each instead of a call into the histogram per duration (millions per report).
 *
 * <p>The layout is HdrHistogram's: 2048 sub-buckets, the lower half of each power of two shared with the one
 * before; {@code DurationCountsTest} checks it against the library.
 */
final class DurationCounts {

    private static final int HALF_MAGNITUDE = 10;
    private static final int HALF = 1 << HALF_MAGNITUDE;
    private static final long SUB_BUCKET_MASK = 2 * HALF - 1;
    private static final int LEADING_ZERO_BASE = 64 - HALF_MAGNITUDE - 1;
    private static final long EXACT_IN_DOUBLE = 1L << 53;

    // Room for durations up to 2^21 ns (2 ms) before growing; index of a bucket as HdrHistogram counts it.
    private long[] counts = new long[(12 + 1) << HALF_MAGNITUDE];
    private long max;

    void record(long nanos) {
        long value = Math.max(0, nanos);
        int index = indexOf(value);
        if (index >= counts.length) {
            counts = Arrays.copyOf(counts, Math.max(index + 1, 2 * counts.length));
        }
        counts[index]++;
        max = Math.max(max, value);
    }

    /** Adds every duration of {@code other}. */
    void add(DurationCounts other) {
        if (counts.length < other.counts.length) {
            counts = Arrays.copyOf(counts, other.counts.length);
        }
        for (int index = 0; index < other.counts.length; index++) {
            counts[index] += other.counts[index];
        }
        max = Math.max(max, other.max);
    }

    /** A recorder holding every duration counted. */
    LatencyRecorder recorder() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (int index = 0; index < counts.length; index++) {
            if (counts[index] > 0) {
                recorder.record(lowestOf(index), counts[index], max);
            }
        }
        return recorder;
    }

    /** The bucket of {@code value} (not negative), HdrHistogram's countsArrayIndex. */
    static int indexOf(long value) {
        int bucket = LEADING_ZERO_BASE - leadingZeros(value | SUB_BUCKET_MASK);
        return ((bucket + 1) << HALF_MAGNITUDE) + (int) (value >>> bucket) - HALF;
    }

    /**
     * {@code Long.numberOfLeadingZeros} of a positive value. C1, which reads large recordings, makes a dozen tests
     * and shifts of that call where C2 makes one instruction (19 against 4 ns a call, measured here); below 2^53 the
     * value converts to a double exactly, and the double's exponent is the position of its highest bit.
     */
    private static int leadingZeros(long positive) {
        if (positive < EXACT_IN_DOUBLE) {
            return 1086 - (int) (Double.doubleToRawLongBits((double) positive) >>> 52);
        }
        return Long.numberOfLeadingZeros(positive);
    }

    /** The lowest duration of bucket {@code index}, HdrHistogram's valueFromIndex. */
    static long lowestOf(int index) {
        int bucket = (index >> HALF_MAGNITUDE) - 1;
        int subBucket = (index & (HALF - 1)) + HALF;
        if (bucket < 0) {
            subBucket -= HALF;
            bucket = 0;
        }
        return (long) subBucket << bucket;
    }
}
