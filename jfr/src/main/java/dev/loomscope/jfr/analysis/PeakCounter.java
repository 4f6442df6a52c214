package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * Most things alive at once, from their start and end times walked in time order.
 *
 * <p>Each instant is one long: nanoseconds since the epoch (below 2^62 until the year 2116) shifted left by one,
 * with the low bit 1 for a start. Sorting those puts an end before a start at the same instant, so back-to-back
 * spans do not count as overlapping. An end with nothing alive (a thread started before the recording) is ignored.
 */
final class PeakCounter {

    private long[] points = new long[256];
    private int size;

    void up(long nanos) {
        add((nanos << 1) | 1);
    }

    void down(long nanos) {
        add(nanos << 1);
    }

    private void add(long point) {
        if (size == points.length) {
            points = Arrays.copyOf(points, size * 2);
        }
        points[size++] = point;
    }

    /** Forgets every instant, keeping the memory for the next count. */
    void clear() {
        size = 0;
    }

    long peak() {
        Arrays.sort(points, 0, size);
        long alive = 0;
        long peak = 0;
        for (int i = 0; i < size; i++) {
            if ((points[i] & 1) == 1) {
                alive++;
                peak = Math.max(peak, alive);
            } else if (alive > 0) {
                alive--;
            }
        }
        return peak;
    }
}
