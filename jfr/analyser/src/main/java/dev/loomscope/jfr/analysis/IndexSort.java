package dev.loomscope.jfr.analysis;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/** Sorts the indexes 0..n-1 of parallel primitive arrays without boxing them: a plain stable merge sort. */
final class IndexSort {

    private IndexSort() {
    }

    /** Indexes 0..n-1 ordered by {@code compare} (negative, zero, positive as for a Comparator). */
    static int[] sorted(int n, IntBinaryOperator compare) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        sort(order, compare);
        return order;
    }

    /** Sorts {@code order} (indexes) by {@code compare}, keeping equal ones in their given order. */
    static void sort(int[] order, IntBinaryOperator compare) {
        int n = order.length;
        int[] buffer = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int from = 0; from < n - width; from += 2 * width) {
                merge(order, buffer, from, from + width, Math.min(from + 2 * width, n), compare);
            }
        }
    }

    /**
     * Sorts {@code order[from, to)} (indexes) by {@code time[index]}, equal times in their given order, as
     * {@link #sort} with that comparison would. Each index becomes one long (its time above its position), sorted by
     * the JDK's primitive sort: on two million slices the comparator's calls cost three times as much.
     */
    static void sortByTime(int[] order, int from, int to, long[] time) {
        int n = to - from;
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        boolean sorted = true;
        for (int k = from; k < to; k++) {
            long t = time[order[k]];
            sorted &= k == from || t >= max;
            min = Math.min(min, t);
            max = Math.max(max, t);
        }
        if (sorted) {
            return;
        }
        int positionBits = 32 - Integer.numberOfLeadingZeros(n - 1);
        long range = max - min;
        if (range < 0 || 64 - Long.numberOfLeadingZeros(range) + positionBits > 63) {
            // Times too far apart to share a long with the position (not so in one recording): the comparator.
            int[] group = Arrays.copyOfRange(order, from, to);
            sort(group, (a, b) -> Long.compare(time[a], time[b]));
            System.arraycopy(group, 0, order, from, n);
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = (time[order[from + i]] - min) << positionBits | i;
        }
        Arrays.sort(keys);
        int[] given = Arrays.copyOfRange(order, from, to);
        long positionMask = (1L << positionBits) - 1;
        for (int i = 0; i < n; i++) {
            order[from + i] = given[(int) (keys[i] & positionMask)];
        }
    }

    private static void merge(int[] order, int[] buffer, int from, int middle, int to, IntBinaryOperator compare) {
        if (compare.applyAsInt(order[middle - 1], order[middle]) <= 0) {
            return; // already in order: common for spans that arrive almost sorted
        }
        System.arraycopy(order, from, buffer, from, to - from);
        int left = from;
        int right = middle;
        for (int k = from; k < to; k++) {
            if (right >= to || (left < middle && compare.applyAsInt(buffer[left], buffer[right]) <= 0)) {
                order[k] = buffer[left++];
            } else {
                order[k] = buffer[right++];
            }
        }
    }
}
