package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * Spans kept as parallel primitive arrays: about 60 bytes a span, so millions fit where records would not.
 *
 * <p>Strings (carriers, paths, outcomes, frames) are indexes into a {@link Names} dictionary.
 */
final class SpanStore {

    private int size;
    private long[] start = new long[256];
    private long[] end = new long[256];
    private long[] threadId = new long[256];
    private long[] otherThreadId = new long[256];
    private long[] requestId = new long[256];
    private int[] startCarrier = new int[256];
    private int[] endCarrier = new int[256];
    private int[] label = new int[256];
    private int[] status = new int[256];
    private boolean[] virtual = new boolean[256];

    int add(long startNanos, long endNanos, long thread, long otherThread, long request, int fromCarrier,
            int toCarrier, int labelIndex, int statusCode, boolean isVirtual) {
        if (size == start.length) {
            grow();
        }
        int i = size++;
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
        return i;
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
        for (int i = from; i < size; i++) {
            threadId[i] |= tag;
            if (otherThreadId[i] != 0) {
                otherThreadId[i] |= tag;
            }
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
        PeakCounter counter = new PeakCounter();
        for (int i = 0; i < size; i++) {
            counter.up(start[i]);
            counter.down(end[i]);
        }
        return counter.peak();
    }

    /** Most spans that overlap at one instant on one thread. */
    long peakOverlapPerThread() {
        int[] order = IndexSort.sorted(size, (a, b) -> threadId[a] != threadId[b]
                ? Long.compare(threadId[a], threadId[b]) : Long.compare(start[a], start[b]));
        long peak = 0;
        int from = 0;
        while (from < order.length) {
            long thread = threadId[order[from]];
            int to = from + 1;
            long furthestEnd = end[order[from]];
            boolean overlaps = false;
            while (to < order.length && threadId[order[to]] == thread) {
                overlaps |= start[order[to]] < furthestEnd;
                furthestEnd = Math.max(furthestEnd, end[order[to]]);
                to++;
            }
            if (overlaps) {
                PeakCounter counter = new PeakCounter();
                for (int k = from; k < to; k++) {
                    counter.up(start[order[k]]);
                    counter.down(end[order[k]]);
                }
                peak = Math.max(peak, counter.peak());
            } else {
                peak = Math.max(peak, 1);
            }
            from = to;
        }
        return peak;
    }

    /** Indexes of the {@code limit} earliest spans by start time, earliest first. */
    int[] earliest(int limit) {
        int[] order = IndexSort.sorted(size, (a, b) -> Long.compare(start[a], start[b]));
        return order.length <= limit ? order : Arrays.copyOf(order, limit);
    }

    /** Thread ids of the spans, sorted, for counting distinct ones. */
    long[] sortedThreadIds(boolean virtualOnly) {
        long[] ids = new long[size];
        int n = 0;
        for (int i = 0; i < size; i++) {
            if (!virtualOnly || virtual[i]) {
                ids[n++] = threadId[i];
            }
        }
        ids = Arrays.copyOf(ids, n);
        Arrays.sort(ids);
        return ids;
    }

    static long distinct(long[] sorted) {
        long count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                count++;
            }
        }
        return count;
    }
}
