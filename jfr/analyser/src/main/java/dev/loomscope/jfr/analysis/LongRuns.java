package dev.loomscope.jfr.analysis;

import java.util.Arrays;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.cursors.LongCursor;

/**
 * A growing list of longs to be sorted once, late. A chunk's part sorts its own list while other chunks are still
 * being read; the merged list is then a few sorted runs, which the JDK's sort joins in close to linear time.
 */
final class LongRuns {

    private long[] values;
    private int size;
    private boolean sorted = true;

    LongRuns(int capacity) {
        values = new long[Math.max(16, capacity)];
    }

    void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        sorted &= size == 0 || values[size - 1] <= value;
        values[size++] = value;
    }

    /** Appends every value of {@code other}. */
    void addAll(LongRuns other) {
        if (size + other.size > values.length) {
            values = Arrays.copyOf(values, Math.max(size + other.size, values.length * 2));
        }
        sorted &= other.sorted && (size == 0 || other.size == 0 || values[size - 1] <= other.values[0]);
        System.arraycopy(other.values, 0, values, size, other.size);
        size += other.size;
    }

    /** Makes room for {@code room} values in all, so that adding up to there copies nothing. */
    void reserve(int room) {
        if (values.length < room) {
            values = Arrays.copyOf(values, room);
        }
    }

    void clear() {
        size = 0;
        sorted = true;
    }

    int size() {
        return size;
    }

    /** Sorts the values in place; the i-th smallest is then {@link #get(int)}. */
    void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }

    /**
     * Keeps each value once, sorted. Through a hash set: a chunk's thread keys are tens of thousands of spans'
     * over a few hundred threads, which sorting would move about for nothing.
     */
    void keepDistinct() {
        LongHashSet distinct = new LongHashSet();
        long previous = 0;
        for (int i = 0; i < size; i++) {
            if (i == 0 || values[i] != previous) {
                previous = values[i];
                distinct.add(previous);
            }
        }
        size = 0;
        for (LongCursor value : distinct) {
            values[size++] = value.value;
        }
        sorted = size < 2;
        sort();
    }

    /** The array behind, whose first {@link #size()} values are this list's. */
    long[] values() {
        return values;
    }

    long get(int i) {
        return values[i];
    }
}
