package dev.loomscope.jfr.analysis;

import java.util.Arrays;
import java.util.function.IntBinaryOperator;

/**
 * Sorts the indexes 0..n-1 of parallel primitive arrays without boxing them: a plain stable merge sort, and a
 * counting sort to group them by a small key.
 */
final class IndexSort {

    private IndexSort() {
    }

    /** Indexes 0..n-1 ordered by {@code compare} (negative, zero, positive as for a Comparator). */
    static int[] sorted(int n, IntBinaryOperator compare) {
        int[] order = identity(n);
        sort(order, compare);
        return order;
    }

    /** The indexes 0..n-1 in their own order. */
    static int[] identity(int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
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
     * The indexes 0..n-1 grouped by {@code keyOf[i]} (0..keys-1), each group in index order, with
     * {@code firsts[g]..firsts[g+1]} the range of group g ({@code firsts} has keys + 1 zeros when given).
     */
    static int[] grouped(int[] keyOf, int n, int keys, int[] firsts) {
        countInto(keyOf, n, keys, firsts);
        int[] next = Arrays.copyOf(firsts, keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[keyOf[i]]++] = i;
        }
        return order;
    }

    /** {@code order} regrouped by {@code keyOf} of its indexes, each group in the order's order; see {@link #grouped}. */
    static int[] regrouped(int[] order, int[] keyOf, int keys, int[] firsts) {
        countInto(keyOf, order.length, keys, firsts);
        int[] next = Arrays.copyOf(firsts, keys);
        int[] regrouped = new int[order.length];
        for (int i : order) {
            regrouped[next[keyOf[i]]++] = i;
        }
        return regrouped;
    }

    private static void countInto(int[] keyOf, int n, int keys, int[] firsts) {
        for (int i = 0; i < n; i++) {
            firsts[keyOf[i] + 1]++;
        }
        startsOfGroups(firsts, keys);
    }

    /**
     * Where each group of {@code indexes} (any of the indexes, grouped by {@code keyOf}, 0..keys-1) would start:
     * {@code firsts[g]..firsts[g+1]}, as {@link #grouped} gives them, without making the grouped order.
     */
    static int[] groupStarts(int[] indexes, int[] keyOf, int keys) {
        int[] firsts = new int[keys + 1];
        for (int i : indexes) {
            firsts[keyOf[i] + 1]++;
        }
        startsOfGroups(firsts, keys);
        return firsts;
    }

    /** Counts per group, one place on, into where each group starts. */
    private static void startsOfGroups(int[] firsts, int keys) {
        for (int k = 0; k < keys; k++) {
            firsts[k + 1] += firsts[k];
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
