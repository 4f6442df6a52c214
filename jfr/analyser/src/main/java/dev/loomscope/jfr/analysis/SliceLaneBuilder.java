package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds {@link SliceLanes}: per-pixel buckets of the whole recording and per window, and the exact slices of the
 * windows that hold at most {@link #DETAIL_CAP}, each with its request and the wake-up before it.
 */
final class SliceLaneBuilder {

    /** Buckets of the whole view: about one per pixel of a wide screen. */
    static final int OVERVIEW_BUCKETS = 1200;
    static final int WINDOWS = 32;
    static final int WINDOW_BUCKETS = 600;
    /** Most slices a window may hold to be sent exactly: 32 windows of 2,500 keep the page to a few MB. */
    static final int DETAIL_CAP = 2500;

    private final SliceStore store;
    private final ThreadTable carriers;
    private final ThreadTable threads;
    private final ThreadTable wakers;
    private final Names kinds;
    private final Names sources;
    private final SliceAnalysis analysis;
    private final int[] laneOf;
    private final int[] compactOf;
    private final List<String> compactNames = new ArrayList<>();

    SliceLaneBuilder(SliceStore store, ThreadTable carriers, ThreadTable threads, ThreadTable wakers, Names kinds,
                     Names sources, SliceAnalysis analysis) {
        this.store = store;
        this.carriers = carriers;
        this.threads = threads;
        this.wakers = wakers;
        this.kinds = kinds;
        this.sources = sources;
        this.analysis = analysis;
        int[] order = IndexSort.sorted(carriers.size(),
                (a, b) -> NaturalOrder.INSTANCE.compare(carriers.name(a), carriers.name(b)));
        this.laneOf = new int[carriers.size()];
        for (int lane = 0; lane < order.length; lane++) {
            laneOf[order[lane]] = lane;
        }
        this.compactOf = new int[threads.size()];
        Arrays.fill(compactOf, -1);
    }

    SliceLanes lanes(RequestSpans requests) {
        long from = analysis.from();
        long span = analysis.spanNanos();
        SliceLanes.Buckets overview = buckets(from, span, OVERVIEW_BUCKETS);
        long windowNanos = Math.max(1, Math.ceilDiv(span, WINDOWS));
        int[] counts = new int[WINDOWS];
        for (int s = 0; s < store.slices(); s++) {
            for (int w = window(store.start(s), from, windowNanos); w <= window(store.end(s), from, windowNanos); w++) {
                counts[w]++;
            }
        }
        int[] wakeupOf = analysis.wakeupOfEachSlice();
        RequestOf requestOf = requests == null ? null : new RequestOf(requests, threads);
        List<SliceLanes.Window> windows = new ArrayList<>();
        for (int w = 0; w < WINDOWS; w++) {
            long windowFrom = from + w * windowNanos;
            if (counts[w] <= DETAIL_CAP) {
                windows.add(new SliceLanes.Window(windowFrom - from, windowFrom - from + windowNanos,
                        exact(windowFrom, windowFrom + windowNanos, counts[w], wakeupOf, requestOf), null));
            } else {
                windows.add(new SliceLanes.Window(windowFrom - from, windowFrom - from + windowNanos, null,
                                                  buckets(windowFrom, windowNanos, WINDOW_BUCKETS)));
            }
        }
        // A slice across window edges is in each window's list: counted once, when every one of them is exact.
        long exact = 0;
        for (int s = 0; s < store.slices(); s++) {
            boolean all = true;
            for (int w = window(store.start(s), from, windowNanos); w <= window(store.end(s), from, windowNanos); w++) {
                all &= counts[w] <= DETAIL_CAP;
            }
            exact += all ? 1 : 0;
        }
        List<String> laneNames = new ArrayList<>(java.util.Collections.nCopies(carriers.size(), ""));
        for (int c = 0; c < carriers.size(); c++) {
            laneNames.set(laneOf[c], carriers.name(c));
        }
        List<String> kindNames = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            kindNames.add(kinds.name(k));
        }
        List<String> sourceNames = new ArrayList<>();
        for (int k = 0; k < sources.size(); k++) {
            sourceNames.add(sources.name(k));
        }
        return new SliceLanes(List.copyOf(laneNames), List.copyOf(compactNames), List.copyOf(kindNames),
                              List.copyOf(sourceNames), span, store.slices(), exact, DETAIL_CAP, overview,
                              List.copyOf(windows));
    }

    private static int window(long nanos, long from, long windowNanos) {
        return (int) Math.max(0, Math.min(WINDOWS - 1, (nanos - from) / windowNanos));
    }

    /** Busy share and the thread of the longest stretch, per lane and bucket, of [from, from + span). */
    private SliceLanes.Buckets buckets(long from, long span, int count) {
        long width = Math.max(1, Math.ceilDiv(span, count));
        int lanes = carriers.size();
        long[][] busy = new long[lanes][count];
        long[][] longest = new long[lanes][count];
        int[][] dominant = new int[lanes][count];
        for (int[] lane : dominant) {
            Arrays.fill(lane, -1);
        }
        long to = from + span;
        int[] firsts = analysis.carrierFirsts();
        int[] byCarrier = analysis.byCarrier();
        for (int c = 0; c < carriers.size(); c++) {
            int lane = laneOf[c];
            for (int k = firstOverlapping(c, from); k < firsts[c + 1] && store.start(byCarrier[k]) < to; k++) {
                int s = byCarrier[k];
                long at = Math.max(store.start(s), from);
                long end = Math.min(store.end(s), to);
                while (at < end) {
                    int bucket = (int) ((at - from) / width);
                    if (bucket >= count) {
                        break;
                    }
                    long until = Math.min(end, from + (bucket + 1) * width);
                    long piece = until - at;
                    busy[lane][bucket] += piece;
                    if (piece > longest[lane][bucket]) {
                        longest[lane][bucket] = piece;
                        dominant[lane][bucket] = compact(store.thread(s));
                    }
                    at = until;
                }
            }
        }
        int[][] shares = new int[lanes][count];
        for (int lane = 0; lane < lanes; lane++) {
            for (int b = 0; b < count; b++) {
                shares[lane][b] = (int) Math.min(255, Math.round(255.0 * busy[lane][b] / width));
            }
        }
        return new SliceLanes.Buckets(from - analysis.from(), width, shares, dominant);
    }

    /** The slices that overlap [from, to), {@link SliceLanes#EXACT_FIELDS} values each. */
    private long[] exact(long from, long to, int count, int[] wakeupOf, RequestOf requestOf) {
        long[] values = new long[count * SliceLanes.EXACT_FIELDS];
        long origin = analysis.from();
        int n = 0;
        int[] firsts = analysis.carrierFirsts();
        int[] byCarrier = analysis.byCarrier();
        for (int c = 0; c < carriers.size(); c++) {
            for (int k = firstOverlapping(c, from); k < firsts[c + 1] && store.start(byCarrier[k]) < to; k++) {
                int s = byCarrier[k];
                if (store.end(s) < from || n == count) {
                    continue;
                }
                int w = wakeupOf[s];
                int at = n++ * SliceLanes.EXACT_FIELDS;
                values[at] = laneOf[c];
                values[at + 1] = store.start(s) - origin;
                values[at + 2] = store.end(s) - origin;
                values[at + 3] = compact(store.thread(s));
                values[at + 4] = store.endKind(s);
                values[at + 5] = requestOf == null ? -1 : requestOf.at(store.thread(s), store.start(s), store.end(s));
                values[at + 6] = w < 0 ? -1 : store.wakeupTime(w) - origin;
                values[at + 7] = w < 0 ? -1 : wakerLane(w);
                values[at + 8] = w < 0 ? -1 : store.wakeupSource(w);
            }
        }
        return n * SliceLanes.EXACT_FIELDS == values.length ? values
                : Arrays.copyOf(values, n * SliceLanes.EXACT_FIELDS);
    }

    /**
     * Position in the carrier's slices (by start) of the first that may reach {@code nanos}: the first starting at or
     * after it, and the few before it that end after it. A carrier's slices do not overlap, so a few is plenty; where
     * the recorder broke that, a window may miss part of a slice, which the invariants report anyway.
     */
    private int firstOverlapping(int c, long nanos) {
        int[] firsts = analysis.carrierFirsts();
        int[] byCarrier = analysis.byCarrier();
        int low = firsts[c];
        int high = firsts[c + 1];
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (store.start(byCarrier[middle]) < nanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        int first = low;
        for (int k = low - 1; k >= firsts[c] && k >= low - 64; k--) {
            if (store.end(byCarrier[k]) >= nanos) {
                first = k;
            }
        }
        return first;
    }

    /** The lane the waker ran on: its own when it is a carrier, else the carrier of its slice then, else -1. */
    private int wakerLane(int wakeup) {
        int waker = store.wakeupWaker(wakeup);
        if (waker < 0) {
            return -1;
        }
        long id = wakers.id(waker);
        int carrier = carriers.find(id);
        if (carrier >= 0) {
            return laneOf[carrier];
        }
        int thread = threads.find(id);
        if (thread >= 0) {
            int slice = analysis.sliceOfThreadAt(thread, store.wakeupTime(wakeup));
            return slice < 0 ? -1 : laneOf[store.carrier(slice)];
        }
        return -1;
    }

    private int compact(int thread) {
        if (compactOf[thread] < 0) {
            compactOf[thread] = compactNames.size();
            String name = threads.name(thread);
            compactNames.add((name.isEmpty() ? "unnamed" : name) + " #" + (threads.id(thread) & ((1L << 48) - 1)));
        }
        return compactOf[thread];
    }

    /** The request, if any, that each virtual thread was serving at a time: requests by thread, then by start. */
    private static final class RequestOf {

        private final RequestSpans requests;
        private final int[] order;
        private final int[] threadOf;

        RequestOf(RequestSpans requests, ThreadTable threads) {
            this.requests = requests;
            SpanStore spans = requests.spans();
            threadOf = new int[spans.size()];
            for (int i = 0; i < threadOf.length; i++) {
                threadOf[i] = threads.find(spans.threadId(i));
            }
            order = IndexSort.sorted(spans.size(), (a, b) -> threadOf[a] != threadOf[b]
                    ? Integer.compare(threadOf[a], threadOf[b]) : Long.compare(spans.start(a), spans.start(b)));
        }

        /** The id of thread t's request that overlaps [start, end), -1 when none. */
        long at(int t, long start, long end) {
            SpanStore spans = requests.spans();
            // The last request of t that starts before the slice ends.
            int low = 0;
            int high = order.length;
            while (low < high) {
                int middle = (low + high) >>> 1;
                int r = order[middle];
                if (threadOf[r] < t || (threadOf[r] == t && spans.start(r) < end)) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            for (int k = low - 1; k >= 0 && k >= low - 4; k--) {
                int r = order[k];
                if (threadOf[r] != t) {
                    break;
                }
                if (spans.end(r) > start) {
                    return requests.requestId(r);
                }
            }
            return -1;
        }
    }
}
