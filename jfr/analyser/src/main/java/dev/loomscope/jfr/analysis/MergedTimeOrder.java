package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * Indexes of timed things by time, equal times by index, kept up while parts sorted on their own are appended in
 * turn: each chunk's part sorts its few hundred thousand on its reader thread, and the whole merges them in as it
 * appends them, so that the report does not sort millions after the reading, when the other core has little to do.
 * Anything added on its own makes it {@link #lost} until the owner sorts again.
 */
final class MergedTimeOrder {

    private int[] index = new int[0];
    private long[] time = new long[0];
    private boolean kept = true;

    /** Whether it holds every thing of its owner: nothing was added but whole sorted parts. */
    boolean kept() {
        return kept;
    }

    /** Something was added on its own: the order is no longer kept. */
    void lost() {
        kept = false;
    }

    /** The owner's own order, sorted now: its things are all in it. */
    void set(TimeOrder order) {
        index = order.index;
        time = order.time;
        kept = true;
    }

    /** Makes room for {@code room} things, while the order is kept. */
    void reserve(int room) {
        if (kept && index.length < room) {
            int capacity = Math.max(room, index.length * 2);
            index = Arrays.copyOf(index, capacity);
            time = Arrays.copyOf(time, capacity);
        }
    }

    /**
     * Merges in {@code other}'s first {@code count}, their indexes from {@code from} on, after this order's first
     * {@code from}. Parts follow each other in time but overlap at their edges (a slice is committed when it ends):
     * only the things here after the part's first are merged with it, the rest of the part is copied.
     */
    void append(MergedTimeOrder other, int count, int from) {
        if (!kept || !other.kept) {
            kept = false;
            return;
        }
        if (count == 0) {
            return;
        }
        reserve(from + count);
        int stays = TimeOrder.firstAfter(time, 0, from, other.time[0]);
        int[] tailIndex = Arrays.copyOfRange(index, stays, from);
        long[] tailTime = Arrays.copyOfRange(time, stays, from);
        int a = 0;
        int b = 0;
        int k = stays;
        while (a < tailIndex.length && b < count) {
            // Equal times: the one here first, its index being the smaller.
            if (tailTime[a] <= other.time[b]) {
                index[k] = tailIndex[a];
                time[k++] = tailTime[a++];
            } else {
                index[k] = from + other.index[b];
                time[k++] = other.time[b++];
            }
        }
        System.arraycopy(tailIndex, a, index, k, tailIndex.length - a);
        System.arraycopy(tailTime, a, time, k, tailTime.length - a);
        k += tailIndex.length - a;
        for (; b < count; b++, k++) {
            index[k] = from + other.index[b];
            time[k] = other.time[b];
        }
    }

    /** The indexes of the first {@code n}, in a copy of their own. */
    int[] firstIndexes(int n) {
        return Arrays.copyOf(index, n);
    }

    /** The first {@code n}, as a {@link TimeOrder} of their own. */
    TimeOrder first(int n) {
        return TimeOrder.sorted(Arrays.copyOf(index, n), Arrays.copyOf(time, n));
    }
}
