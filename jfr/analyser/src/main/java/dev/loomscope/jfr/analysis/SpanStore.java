package dev.loomscope.jfr.analysis;

import java.util.Arrays;

import dev.loomscope.jfr.read.JfrThread;

/**
 * What every span has, whatever its kind: times, thread and carriers, as parallel primitive arrays with the sorted
 * times and thread keys, so that millions fit where records would not.
 *
 * <p>Carriers are indexes into a {@link Names} dictionary; {@link RequestSpans}, {@link CallSpans} and
 * {@link PinSpans} keep what their kind adds beside one of these.
 */
final class SpanStore {

    private int size;
    private long[] start;
    private long[] end;
    private long[] threadId;
    private int[] startCarrier;
    private int[] endCarrier;
    private boolean[] virtual;
    // Kept as spans arrive, so that a chunk's part can sort them while other chunks are read (see LongRuns).
    private final PeakCounter overlap;
    private final LongRuns threadKeys;
    private long[] sortedThreadKeys;
    private SpanThreads byThread;

    SpanStore() {
        this(256);
    }

    /** Room for {@code capacity} spans before the arrays grow. */
    SpanStore(int capacity) {
        int room = Math.max(16, capacity);
        start = new long[room];
        end = new long[room];
        threadId = new long[room];
        startCarrier = new int[room];
        endCarrier = new int[room];
        virtual = new boolean[room];
        overlap = new PeakCounter(room);
        threadKeys = new LongRuns(room);
    }

    /** Adds a span of a virtual thread that stayed on one carrier, as a pin does; returns its index. */
    int addOnOneCarrier(long startNanos, long endNanos, long thread, int carrier) {
        return add(startNanos, endNanos, thread, true, carrier, carrier);
    }

    /** Adds a span, its carriers as indexes in the carriers' dictionary; returns its index. */
    int add(long startNanos, long endNanos, long thread, boolean isVirtual, int fromCarrier, int toCarrier) {
        if (size == start.length) {
            grow();
        }
        int i = size++;
        sortedThreadKeys = null;
        start[i] = startNanos;
        end[i] = endNanos;
        threadId[i] = thread;
        startCarrier[i] = fromCarrier;
        endCarrier[i] = toCarrier;
        virtual[i] = isVirtual;
        overlap.up(startNanos);
        overlap.down(endNanos);
        threadKeys.add(ThreadKeys.key(thread, isVirtual));
        return i;
    }

    /** A string field's value, empty when the event has none. */
    static String text(String value) {
        return value == null ? "" : value;
    }

    /** As RecordedThread.getJavaThreadId reads it, and 0 without a thread. */
    static long javaThreadId(JfrThread thread) {
        return thread == null ? 0 : thread.javaThreadId();
    }

    /**
     * Sorts what a merged whole will sort faster so, done by a chunk's part: the thread keys, kept once each, and
     * with {@code times} the start and end times for {@link #peakOverlap}.
     */
    void sortForMerge(boolean times) {
        if (times) {
            overlap.sort();
        }
        threadKeys.keepDistinct();
    }

    /** Appends every span of {@code other}, its carrier indexes translated by the array given. */
    void append(SpanStore other, int[] carrierIndexes) {
        int from = size;
        int count = other.size;
        while (start.length < from + count) {
            grow();
        }
        System.arraycopy(other.start, 0, start, from, count);
        System.arraycopy(other.end, 0, end, from, count);
        System.arraycopy(other.threadId, 0, threadId, from, count);
        System.arraycopy(other.virtual, 0, virtual, from, count);
        for (int i = 0; i < count; i++) {
            startCarrier[from + i] = carrierIndexes[other.startCarrier[i]];
            endCarrier[from + i] = carrierIndexes[other.endCarrier[i]];
        }
        size = from + count;
        overlap.addAll(other.overlap);
        threadKeys.addAll(other.threadKeys);
        sortedThreadKeys = null;
        byThread = null;
    }

    /** Makes room for {@code room} spans in all, so that appending up to there copies nothing more. */
    void reserve(int room) {
        if (start.length < room) {
            resize(room);
        }
        overlap.reserve(room);
        threadKeys.reserve(room);
    }

    private void grow() {
        resize(start.length * 2);
    }

    private void resize(int capacity) {
        start = Arrays.copyOf(start, capacity);
        end = Arrays.copyOf(end, capacity);
        threadId = Arrays.copyOf(threadId, capacity);
        startCarrier = Arrays.copyOf(startCarrier, capacity);
        endCarrier = Arrays.copyOf(endCarrier, capacity);
        virtual = Arrays.copyOf(virtual, capacity);
    }

    /** Sets {@code tag}'s bits in the thread ids of spans {@code from} on, so threads of different JVMs differ. */
    void tagThreads(int from, long tag) {
        sortedThreadKeys = null;
        byThread = null;
        threadKeys.clear();
        for (int i = 0; i < size; i++) {
            if (i >= from) {
                threadId[i] |= tag;
            }
            threadKeys.add(ThreadKeys.key(threadId[i], virtual[i]));
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

    int startCarrier(int i) {
        return startCarrier[i];
    }

    int endCarrier(int i) {
        return endCarrier[i];
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
        SpanThreads threads = byThread();
        long peak = 1;
        long[] starts = new long[0];
        long[] ends = new long[0];
        for (int g = 0; g < threads.groups(); g++) {
            int from = threads.firsts[g];
            int count = threads.firsts[g + 1] - from;
            // Only threads with two spans or more can overlap themselves.
            if (count > 1) {
                if (starts.length < count) {
                    starts = new long[Math.max(count, 2 * starts.length)];
                    ends = new long[starts.length];
                }
                System.arraycopy(threads.start, from, starts, 0, count);
                System.arraycopy(threads.end, from, ends, 0, count);
                Arrays.sort(starts, 0, count);
                Arrays.sort(ends, 0, count);
                peak = Math.max(peak, PeakCounter.peak(starts, count, ends, count));
            }
        }
        return peak;
    }

    /** The spans grouped by thread; made once, for whichever section asks first. */
    synchronized SpanThreads byThread() {
        if (byThread == null) {
            byThread = SpanThreads.of(this);
        }
        return byThread;
    }

    /** Indexes of the {@code limit} earliest spans by start time, earliest first (ties in arrival order). */
    int[] earliest(int limit) {
        return earliestFrom(Long.MIN_VALUE, limit);
    }

    /** As {@link #earliest}, of the spans that start at {@code fromNanos} or later. */
    int[] earliestFrom(long fromNanos, int limit) {
        return EarliestStarts.of(start, size, fromNanos, limit);
    }

    /**
     * The spans' distinct {@link ThreadKeys}, sorted: they answer how many distinct threads ran spans, and how many
     * virtual ones.
     */
    synchronized long[] sortedThreadKeys() {
        // Asked for by the request section and by the verdict's usage, which run at the same time: sorted once.
        if (sortedThreadKeys == null) {
            threadKeys.keepDistinct();
            long[] keys = new long[threadKeys.size()];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = threadKeys.get(i);
            }
            sortedThreadKeys = keys;
        }
        return sortedThreadKeys;
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
