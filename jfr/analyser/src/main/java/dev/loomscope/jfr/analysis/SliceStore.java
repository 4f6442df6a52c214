package dev.loomscope.jfr.analysis;

import java.util.Arrays;

/**
 * The recorder's slices and wake-ups as parallel primitive arrays: a slice is its start, end, carrier, virtual
 * thread and end kind; a wake-up its time, virtual thread and source. Threads, carriers and kinds are indexes into
 * the dictionaries of their {@link SliceAccumulator}, so that millions of slices fit where records would not.
 */
final class SliceStore {

    private int slices;
    private long[] start = new long[64];
    private long[] end = new long[64];
    private int[] carrier = new int[64];
    private int[] thread = new int[64];
    private byte[] endKind = new byte[64];
    private int wakeups;
    private long[] wakeupTime = new long[64];
    private int[] wakeupThread = new int[64];
    private byte[] wakeupSource = new byte[64];
    private int[] wakeupWaker = new int[64];
    // Both by time while every part appended was sorted on its reader thread (see MergedTimeOrder).
    private final MergedTimeOrder sliceOrder = new MergedTimeOrder();
    private final MergedTimeOrder wakeupOrder = new MergedTimeOrder();

    void addSlice(long startNanos, long endNanos, int carrierIndex, int threadIndex, int kind) {
        if (slices == start.length) {
            growSlices(slices * 2);
        }
        sliceOrder.lost();
        int i = slices++;
        start[i] = startNanos;
        end[i] = endNanos;
        carrier[i] = carrierIndex;
        thread[i] = threadIndex;
        endKind[i] = (byte) kind;
    }

    void addWakeup(long nanos, int threadIndex, int source, int waker) {
        if (wakeups == wakeupTime.length) {
            growWakeups(wakeups * 2);
        }
        wakeupOrder.lost();
        int i = wakeups++;
        wakeupTime[i] = nanos;
        wakeupThread[i] = threadIndex;
        wakeupSource[i] = (byte) source;
        wakeupWaker[i] = waker;
    }

    /** Appends everything of {@code other}, its indexes translated by the arrays given. */
    void append(SliceStore other, int[] carriers, int[] threads, int[] kinds, int[] sources, int[] wakers) {
        int from = slices;
        growSlices(from + other.slices);
        System.arraycopy(other.start, 0, start, from, other.slices);
        System.arraycopy(other.end, 0, end, from, other.slices);
        for (int i = 0; i < other.slices; i++) {
            carrier[from + i] = carriers[other.carrier[i]];
            thread[from + i] = threads[other.thread[i]];
            endKind[from + i] = (byte) kinds[other.endKind[i]];
        }
        sliceOrder.append(other.sliceOrder, other.slices, from);
        slices = from + other.slices;
        int wakeFrom = wakeups;
        growWakeups(wakeFrom + other.wakeups);
        System.arraycopy(other.wakeupTime, 0, wakeupTime, wakeFrom, other.wakeups);
        for (int i = 0; i < other.wakeups; i++) {
            wakeupThread[wakeFrom + i] = threads[other.wakeupThread[i]];
            wakeupSource[wakeFrom + i] = (byte) sources[other.wakeupSource[i]];
            wakeupWaker[wakeFrom + i] = other.wakeupWaker[i] < 0 ? -1 : wakers[other.wakeupWaker[i]];
        }
        wakeupOrder.append(other.wakeupOrder, other.wakeups, wakeFrom);
        wakeups = wakeFrom + other.wakeups;
    }

    /** Sorts this part's slices and wake-ups by time, for the whole it is appended to, once its chunk is read. */
    void sortForMerge(int carriers) {
        sliceOrder.set(sortedSliceTimes(carriers));
        wakeupOrder.set(TimeOrder.of(wakeupTime, IndexSort.identity(wakeups)));
    }

    /** Makes room for {@code slices} slices and {@code wakeups} wake-ups in all. */
    void reserve(int slices, int wakeups) {
        growSlices(slices);
        growWakeups(wakeups);
    }

    private void growSlices(int room) {
        if (start.length < room) {
            int capacity = Math.max(room, start.length * 2);
            start = Arrays.copyOf(start, capacity);
            end = Arrays.copyOf(end, capacity);
            carrier = Arrays.copyOf(carrier, capacity);
            thread = Arrays.copyOf(thread, capacity);
            endKind = Arrays.copyOf(endKind, capacity);
            sliceOrder.reserve(capacity);
        }
    }

    private void growWakeups(int room) {
        if (wakeupTime.length < room) {
            int capacity = Math.max(room, wakeupTime.length * 2);
            wakeupTime = Arrays.copyOf(wakeupTime, capacity);
            wakeupThread = Arrays.copyOf(wakeupThread, capacity);
            wakeupSource = Arrays.copyOf(wakeupSource, capacity);
            wakeupWaker = Arrays.copyOf(wakeupWaker, capacity);
            wakeupOrder.reserve(capacity);
        }
    }

    int slices() {
        return slices;
    }

    long start(int i) {
        return start[i];
    }

    long end(int i) {
        return end[i];
    }

    int carrier(int i) {
        return carrier[i];
    }

    int thread(int i) {
        return thread[i];
    }

    int endKind(int i) {
        return endKind[i];
    }

    int wakeups() {
        return wakeups;
    }

    long wakeupTime(int i) {
        return wakeupTime[i];
    }

    int wakeupThread(int i) {
        return wakeupThread[i];
    }

    int wakeupSource(int i) {
        return wakeupSource[i];
    }

    /** The index of the thread that committed the wake-up in the wakers' table, -1 when unknown. */
    int wakeupWaker(int i) {
        return wakeupWaker[i];
    }

    /** Every slice by start time, equal starts by index: as merged from the parts appended, or sorted now. */
    TimeOrder sliceTimes(int carriers) {
        return sliceOrder.kept() ? sliceOrder.first(slices) : sortedSliceTimes(carriers);
    }

    // Grouped by carrier first: a carrier's slices arrive in time order a buffer at a time, so the sort merges a few
    // hundred long runs instead of sorting from scratch.
    private TimeOrder sortedSliceTimes(int carriers) {
        return TimeOrder.of(start, IndexSort.grouped(carrier, slices, carriers, new int[carriers + 1]));
    }

    /**
     * The slices of {@code byTime} grouped by carrier (0..keys-1), each group in time order, with
     * {@code firsts[k]..firsts[k+1]} the range of carrier k.
     */
    int[] carrierOrder(TimeOrder byTime, int keys, int[] firsts) {
        return IndexSort.regrouped(byTime.index, carrier, keys, firsts);
    }

    /** Wake-ups grouped by thread (ranges {@code firsts}, keys + 1 zeros when given), each group by time. */
    TimeOrder wakeupTimes(int keys, int[] firsts) {
        if (!wakeupOrder.kept()) {
            return TimeOrder.of(wakeupTime, IndexSort.grouped(wakeupThread, wakeups, keys, firsts), firsts, keys);
        }
        // All of them by time, regrouped by thread: each thread's stay by time, equal times by index.
        return TimeOrder.inOrder(IndexSort.regrouped(wakeupOrder.firstIndexes(wakeups), wakeupThread, keys, firsts),
                                 wakeupTime);
    }
}
