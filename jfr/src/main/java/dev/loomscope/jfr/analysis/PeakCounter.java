package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * Most things alive at once, from their start and end times walked in time order.
 *
 * <p>Starts and ends are kept apart and sorted apart: each arrives nearly in order (events are committed as things
 * end, a buffer at a time), which the JDK's sort finishes in close to linear time, where one mixed array of both
 * would be far from sorted. The walk takes an end before a start at the same instant, so back-to-back spans do not
 * count as overlapping. An end with nothing alive (a thread started before the recording) is ignored.
 */
final class PeakCounter {

    private long[] starts = new long[256];
    private long[] ends = new long[256];
    private int startCount;
    private int endCount;

    void up(long nanos) {
        if (startCount == starts.length) {
            starts = Arrays.copyOf(starts, startCount * 2);
        }
        starts[startCount++] = nanos;
    }

    void down(long nanos) {
        if (endCount == ends.length) {
            ends = Arrays.copyOf(ends, endCount * 2);
        }
        ends[endCount++] = nanos;
    }

    /** Forgets every instant, keeping the memory for the next count. */
    void clear() {
        startCount = 0;
        endCount = 0;
    }

    long peak() {
        Arrays.sort(starts, 0, startCount);
        Arrays.sort(ends, 0, endCount);
        long alive = 0;
        long peak = 0;
        int end = 0;
        for (int start = 0; start < startCount; start++) {
            while (end < endCount && ends[end] <= starts[start]) {
                if (alive > 0) {
                    alive--;
                }
                end++;
            }
            alive++;
            peak = Math.max(peak, alive);
        }
        return peak;
    }
}
