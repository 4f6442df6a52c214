package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * Indexes of timed things sorted by time, equal times by index, with their times beside them: the times are then
 * read in order instead of by jumping around the original arrays.
 *
 * <p>Each index becomes one long, its time above the index, sorted by the JDK's primitive sort: on two million
 * slices a comparator's calls cost three times as much. Times too far apart to share a long with the index (never
 * so within one recording) are sorted by comparing them.
 */
final class TimeOrder {

    /** The indexes, by time within each group. */
    final int[] index;
    /** The time of each of them. */
    final long[] time;

    private TimeOrder(int[] index, long[] time) {
        this.index = index;
        this.time = time;
    }

    /**
     * Sorts each group {@code grouped[firsts[g], firsts[g + 1])} by time; {@code grouped} holds the indexes
     * 0..n-1 of {@code times} once each. One group sorts them all: given grouped by something whose members arrive
     * in time order (the slices of one carrier), they are a few rising runs, which the JDK's sort merges.
     */
    static TimeOrder of(long[] times, int[] grouped, int[] firsts, int groups) {
        int n = grouped.length;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, times[i]);
            max = Math.max(max, times[i]);
        }
        int indexBits = Math.max(1, 32 - Integer.numberOfLeadingZeros(n - 1));
        long range = max - min;
        if (n == 0 || range < 0 || 64 - Long.numberOfLeadingZeros(range) + indexBits > 63) {
            return compared(times, grouped, firsts, groups);
        }
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            int i = grouped[k];
            keys[k] = (times[i] - min) << indexBits | i;
        }
        for (int g = 0; g < groups; g++) {
            if (firsts[g + 1] - firsts[g] > 1) {
                Arrays.sort(keys, firsts[g], firsts[g + 1]);
            }
        }
        int[] index = new int[n];
        long mask = (1L << indexBits) - 1;
        for (int k = 0; k < n; k++) {
            index[k] = (int) (keys[k] & mask);
            keys[k] = (keys[k] >>> indexBits) + min;
        }
        return new TimeOrder(index, keys);
    }

    /** The first position in {@code from..to-1} of {@code times}, rising there, whose time is after {@code at}, else to. */
    static int firstAfter(long[] times, int from, int to, long at) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (times[middle] <= at) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** Indexes already in order, with their times beside them. */
    static TimeOrder sorted(int[] index, long[] time) {
        return new TimeOrder(index, time);
    }

    /** Indexes already in order, their times read from {@code times}. */
    static TimeOrder inOrder(int[] index, long[] times) {
        long[] time = new long[index.length];
        for (int k = 0; k < index.length; k++) {
            time[k] = times[index[k]];
        }
        return new TimeOrder(index, time);
    }

    /** The indexes 0..n-1 of {@code times}, given in {@code grouped}, by time, equal times by index; see {@link #of}. */
    static TimeOrder of(long[] times, int[] grouped) {
        return of(times, grouped, new int[] {0, grouped.length}, 1);
    }

    private static TimeOrder compared(long[] times, int[] grouped, int[] firsts, int groups) {
        int[] index = grouped.clone();
        for (int g = 0; g < groups; g++) {
            int[] group = Arrays.copyOfRange(index, firsts[g], firsts[g + 1]);
            IndexSort.sort(group, (a, b) -> a == b ? 0 : times[a] != times[b] ? Long.compare(times[a], times[b])
                    : Integer.compare(a, b));
            System.arraycopy(group, 0, index, firsts[g], group.length);
        }
        return inOrder(index, times);
    }
}
