package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/** Picks the indexes of the earliest starts from a start-time array without sorting every index. */
final class EarliestStarts {

    private EarliestStarts() {
    }

    /** Indexes of the {@code limit} earliest of {@code start[0..size)} at {@code fromNanos} or later, earliest first. */
    static int[] of(long[] start, int size, long fromNanos, int limit) {
        if (limit <= 0) {
            return new int[0];
        }
        int after = 0;
        for (int i = 0; i < size; i++) {
            after += start[i] >= fromNanos ? 1 : 0;
        }
        if (after <= limit) {
            int[] all = new int[after];
            int n = 0;
            for (int i = 0; i < size; i++) {
                if (start[i] >= fromNanos) {
                    all[n++] = i;
                }
            }
            IndexSort.sort(all, (a, b) -> Long.compare(start[a], start[b]));
            return all;
        }
        // Only the earliest are ordered by index: the rest are found by the start time of the last one kept.
        long[] starts = new long[after];
        int m = 0;
        for (int i = 0; i < size; i++) {
            if (start[i] >= fromNanos) {
                starts[m++] = start[i];
            }
        }
        Arrays.sort(starts);
        long cutoff = starts[limit - 1];
        int[] chosen = new int[limit];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (start[i] >= fromNanos && start[i] < cutoff) {
                chosen[n++] = i;
            }
        }
        for (int i = 0; i < size && n < limit; i++) {
            if (start[i] == cutoff) {
                chosen[n++] = i;
            }
        }
        Arrays.sort(chosen);
        IndexSort.sort(chosen, (a, b) -> Long.compare(start[a], start[b]));
        return chosen;
    }
}
