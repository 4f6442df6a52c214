package dev.loomscope.jfr.analysis;

import java.util.Arrays;

import com.carrotsearch.hppc.LongIntHashMap;

/**
 * Spans kept as parallel primitive arrays: about 80 bytes a span with its sorted times and thread keys, so
 * millions fit where records would not.
 *
 * <p>Strings (carriers, paths, outcomes, frames) are indexes into a {@link Names} dictionary.
 */
final class SpanStore {

    private int size;
    private long[] start;
    private long[] end;
    private long[] threadId;
    private long[] otherThreadId;
    private long[] requestId;
    private int[] startCarrier;
    private int[] endCarrier;
    private int[] label;
    private int[] status;
    private boolean[] virtual;
    // Kept as spans arrive, so that a chunk's part can sort them while other chunks are read (see LongRuns).
    private final PeakCounter overlap;
    private final LongRuns threadKeys;
    private long[] sortedThreadKeys;

    SpanStore() {
        this(256);
    }

    /** Room for {@code capacity} spans before the arrays grow. */
    SpanStore(int capacity) {
        int room = Math.max(16, capacity);
        start = new long[room];
        end = new long[room];
        threadId = new long[room];
        otherThreadId = new long[room];
        requestId = new long[room];
        startCarrier = new int[room];
        endCarrier = new int[room];
        label = new int[room];
        status = new int[room];
        virtual = new boolean[room];
        overlap = new PeakCounter(room);
        threadKeys = new LongRuns(room);
    }

    int add(long startNanos, long endNanos, long thread, long otherThread, long request, int fromCarrier,
            int toCarrier, int labelIndex, int statusCode, boolean isVirtual) {
        if (size == start.length) {
            grow();
        }
        int i = size++;
        sortedThreadKeys = null;
        start[i] = startNanos;
        end[i] = endNanos;
        threadId[i] = thread;
        otherThreadId[i] = otherThread;
        requestId[i] = request;
        startCarrier[i] = fromCarrier;
        endCarrier[i] = toCarrier;
        label[i] = labelIndex;
        status[i] = statusCode;
        virtual[i] = isVirtual;
        overlap.up(startNanos);
        overlap.down(endNanos);
        threadKeys.add(threadKey(thread, isVirtual));
        return i;
    }

    private static long threadKey(long thread, boolean isVirtual) {
        return thread << 1 | (isVirtual ? 1 : 0);
    }

    /** Sorts the times and thread keys held so far: done by a chunk's part, so that merged ones sort quickly. */
    void sortForMerge() {
        overlap.sort();
        threadKeys.sort();
    }

    /** Appends every span of {@code other}, its carrier and label indexes translated by the arrays given. */
    void append(SpanStore other, int[] carrierIndexes, int[] labelIndexes) {
        int from = size;
        int count = other.size;
        while (start.length < from + count) {
            grow();
        }
        System.arraycopy(other.start, 0, start, from, count);
        System.arraycopy(other.end, 0, end, from, count);
        System.arraycopy(other.threadId, 0, threadId, from, count);
        System.arraycopy(other.otherThreadId, 0, otherThreadId, from, count);
        System.arraycopy(other.requestId, 0, requestId, from, count);
        System.arraycopy(other.status, 0, status, from, count);
        System.arraycopy(other.virtual, 0, virtual, from, count);
        for (int i = 0; i < count; i++) {
            startCarrier[from + i] = carrierIndexes[other.startCarrier[i]];
            endCarrier[from + i] = carrierIndexes[other.endCarrier[i]];
            label[from + i] = labelIndexes[other.label[i]];
        }
        size = from + count;
        overlap.addAll(other.overlap);
        threadKeys.addAll(other.threadKeys);
        sortedThreadKeys = null;
    }

    private void grow() {
        int capacity = start.length * 2;
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        threadId = Arrays.copyOf(threadId, capacity);
        otherThreadId = Arrays.copyOf(otherThreadId, capacity);
        requestId = Arrays.copyOf(requestId, capacity);
        startCarrier = Arrays.copyOf(startCarrier, capacity);
        endCarrier = Arrays.copyOf(endCarrier, capacity);
        label = Arrays.copyOf(label, capacity);
        status = Arrays.copyOf(status, capacity);
        virtual = Arrays.copyOf(virtual, capacity);
    }

    /** Sets {@code tag}'s bits in the thread ids of spans {@code from} on, so threads of different JVMs differ. */
    void tagThreads(int from, long tag) {
        sortedThreadKeys = null;
        threadKeys.clear();
        for (int i = 0; i < size; i++) {
            if (i >= from) {
                threadId[i] |= tag;
                if (otherThreadId[i] != 0) {
                    otherThreadId[i] |= tag;
                }
            }
            threadKeys.add(threadKey(threadId[i], virtual[i]));
        }
    }

    int size() {
        return size;
    }

    long start(int i) {
        return start[i];
    }

    long end(int i) {
        return end[i];
    }

    long threadId(int i) {
        return threadId[i];
    }

    long otherThreadId(int i) {
        return otherThreadId[i];
    }

    long requestId(int i) {
        return requestId[i];
    }

    int startCarrier(int i) {
        return startCarrier[i];
    }

    int endCarrier(int i) {
        return endCarrier[i];
    }

    int label(int i) {
        return label[i];
    }

    int status(int i) {
        return status[i];
    }

    boolean virtual(int i) {
        return virtual[i];
    }

    /** Most spans that overlap at one instant; a span ending when another starts does not overlap it. */
    long peakOverlap() {
        return overlap.peak();
    }

    /** Most spans that overlap at one instant on one thread. */
    long peakOverlapPerThread() {
        if (size == 0) {
            return 0;
        }
        // Only threads with two spans or more can overlap themselves: found from the sorted keys, ranked densely.
        long[] keys = sortedThreadKeys();
        LongIntHashMap ranks = new LongIntHashMap();
        for (int i = 1; i < keys.length; i++) {
            long thread = keys[i] >>> 1;
            if (thread == keys[i - 1] >>> 1 && !ranks.containsKey(thread)) {
                ranks.put(thread, ranks.size());
            }
        }
        if (ranks.isEmpty()) {
            return 1;
        }
        // Their spans grouped by thread with a primitive sort: the thread's rank and the span's index in one long.
        long[] spans = new long[size];
        int count = 0;
        for (int i = 0; i < size; i++) {
            int rank = ranks.getOrDefault(threadId[i], -1);
            if (rank >= 0) {
                spans[count++] = (long) rank << 32 | i;
            }
        }
        Arrays.sort(spans, 0, count);
        long peak = 1;
        PeakCounter counter = new PeakCounter();
        int from = 0;
        while (from < count) {
            long rank = spans[from] >>> 32;
            int to = from + 1;
            while (to < count && spans[to] >>> 32 == rank) {
                to++;
            }
            counter.clear();
            for (int k = from; k < to; k++) {
                int span = (int) spans[k];
                counter.up(start[span]);
                counter.down(end[span]);
            }
            peak = Math.max(peak, counter.peak());
            from = to;
        }
        return peak;
    }

    /** Indexes of the {@code limit} earliest spans by start time, earliest first (ties in arrival order). */
    int[] earliest(int limit) {
        if (limit <= 0) {
            return new int[0];
        }
        if (size <= limit) {
            return IndexSort.sorted(size, (a, b) -> Long.compare(start[a], start[b]));
        }
        // Only the earliest are ordered by index: the rest are found by the start time of the last one kept.
        long[] starts = Arrays.copyOf(start, size);
        Arrays.sort(starts);
        long cutoff = starts[limit - 1];
        int[] chosen = new int[limit];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (start[i] < cutoff) {
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

    /**
     * The spans' thread ids, each shifted left with the low bit set for a span on a virtual thread, sorted: one sort
     * answers how many distinct threads ran spans, and how many virtual ones.
     */
    synchronized long[] sortedThreadKeys() {
        // Asked for by the request section and by the verdict's usage, which run at the same time: sorted once.
        if (sortedThreadKeys == null) {
            threadKeys.sort();
            long[] keys = new long[threadKeys.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = threadKeys.get(i);
            }
            sortedThreadKeys = keys;
        }
        return sortedThreadKeys;
    }

    /** Distinct threads among sorted thread keys, all of them or the virtual ones only. */
    static long distinctThreads(long[] sortedKeys, boolean virtualOnly) {
        return distinctThreads(sortedKeys, new long[0], virtualOnly);
    }

    /** Distinct threads among two arrays of sorted thread keys together, walked as one merged order. */
    static long distinctThreads(long[] sortedKeys, long[] moreSortedKeys, boolean virtualOnly) {
        long count = 0;
        long previous = -1;
        int i = 0;
        int j = 0;
        while (i < sortedKeys.length || j < moreSortedKeys.length) {
            long key = j == moreSortedKeys.length || (i < sortedKeys.length && sortedKeys[i] <= moreSortedKeys[j])
                    ? sortedKeys[i++] : moreSortedKeys[j++];
            long thread = key >>> 1;
            if ((!virtualOnly || (key & 1) == 1) && thread != previous) {
                count++;
                previous = thread;
            }
        }
        return count;
    }

    /** How many spans ran on virtual threads. */
    int onVirtualThreads() {
        int count = 0;
        for (int i = 0; i < size; i++) {
            if (virtual[i]) {
                count++;
            }
        }
        return count;
    }
}
