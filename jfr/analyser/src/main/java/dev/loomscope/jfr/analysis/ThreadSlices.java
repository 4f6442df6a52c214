package dev.loomscope.jfr.analysis;

/**
 * The slices of each virtual thread in time order, with each one's start, end and carrier copied beside it: the
 * walks per thread then read memory in order instead of jumping across millions of slices.
 *
 * <p>Positions {@code firsts[t]..firsts[t+1]} are thread t's slices; {@link #slice} gives a position's slice index in
 * the {@link SliceStore}.
 */
final class ThreadSlices {

    final int[] firsts;
    final int[] slice;
    final long[] start;
    final long[] end;
    final int[] carrier;
    // Per thread: do its slices' ends rise with their starts? They do unless the recorder broke an invariant.
    private final boolean[] endsRise;

    /** From {@code byTime}, every slice by start time (equal starts by index), regrouped by thread. */
    ThreadSlices(SliceStore store, int threads, TimeOrder byTime) {
        int n = byTime.index.length;
        int[] next = new int[threads + 1];
        for (int s = 0; s < n; s++) {
            next[store.thread(s) + 1]++;
        }
        for (int t = 0; t < threads; t++) {
            next[t + 1] += next[t];
        }
        this.firsts = next.clone();
        this.slice = new int[n];
        this.start = new long[n];
        this.end = new long[n];
        this.carrier = new int[n];
        for (int k = 0; k < n; k++) {
            int s = byTime.index[k];
            int p = next[store.thread(s)]++;
            slice[p] = s;
            start[p] = byTime.time[k];
            end[p] = store.end(s);
            carrier[p] = store.carrier(s);
        }
        this.endsRise = new boolean[threads];
        for (int t = 0; t < threads; t++) {
            endsRise[t] = rising(end, firsts[t], firsts[t + 1]);
        }
    }

    private static boolean rising(long[] values, int from, int to) {
        for (int k = from + 1; k < to; k++) {
            if (values[k] < values[k - 1]) {
                return false;
            }
        }
        return true;
    }

    /** Position of thread t's last slice starting at or before {@code nanos}, or -1. */
    int lastStartingBy(int t, long nanos) {
        int low = firsts[t];
        int high = firsts[t + 1] - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (start[middle] <= nanos) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    /** Position of thread t's first slice that ends after {@code nanos}, {@code firsts[t + 1]} when none. */
    int firstEndingAfter(int t, long nanos) {
        return firstEndingAfter(firsts[t], firsts[t + 1], nanos);
    }

    /**
     * As {@link #firstEndingAfter(int, long)}, searched outwards from position {@code near}, the answer for a time
     * close by: requests of one thread come roughly in time order, so each is found in a few steps. Where the ends
     * do not rise, the plain binary search, whose answer is then the one to keep.
     */
    int firstEndingAfter(int t, long nanos, int near) {
        int from = firsts[t];
        int to = firsts[t + 1];
        if (!endsRise[t] || near < from || near > to) {
            return firstEndingAfter(from, to, nanos);
        }
        int low = from;
        int high = to;
        if (near < to && end[near] <= nanos) {
            // The answer is after near: steps forward of 1, 2, 4... until an end after nanos.
            low = near + 1;
            for (int step = 1; near + step < to; step *= 2) {
                if (end[near + step] > nanos) {
                    high = near + step;
                    break;
                }
                low = near + step + 1;
            }
        } else {
            // The answer is near or before it: steps back until an end at or before nanos.
            high = near;
            for (int step = 1; near - step >= from; step *= 2) {
                if (end[near - step] <= nanos) {
                    low = near - step + 1;
                    break;
                }
                high = near - step;
            }
        }
        return firstEndingAfter(low, high, nanos);
    }

    private int firstEndingAfter(int from, int to, long nanos) {
        // A thread's slices do not overlap, so their ends grow with their starts: a binary search holds.
        return TimeOrder.firstAfter(end, from, to, nanos);
    }
}
