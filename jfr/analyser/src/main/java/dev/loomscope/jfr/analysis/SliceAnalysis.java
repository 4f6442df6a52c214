package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Computes the slices section from a {@link SliceStore}: per carrier, per virtual thread, the scheduler's wake-ups
 * and the two invariants, walking the slices once grouped by carrier and once grouped by virtual thread.
 */
final class SliceAnalysis {

    /** Buckets of every "over time" list. */
    static final int BUCKETS = 20;
    private static final int TOP_THREADS = 10;
    private static final int EXAMPLES = 5;
    private static final long ID_BITS = (1L << 48) - 1;

    private final SliceStore store;
    private final ThreadTable carriers;
    private final ThreadTable threads;
    private final Names kinds;
    private final long from;
    private final long bucketNanos;
    private final long spanNanos;
    private final int[] carrierFirsts;
    private final int[] byCarrier;
    private final int[] threadFirsts;
    private final int[] byThread;
    private final SliceScheduler scheduler;

    SliceAnalysis(SliceStore store, ThreadTable carriers, ThreadTable threads, Names kinds, Names sources,
                  long fromNanos, long toNanos) {
        this.store = store;
        this.carriers = carriers;
        this.threads = threads;
        this.kinds = kinds;
        this.from = fromNanos;
        this.spanNanos = Math.max(1, toNanos - fromNanos);
        this.bucketNanos = Math.max(1, Math.ceilDiv(spanNanos, BUCKETS));
        this.carrierFirsts = new int[carriers.size() + 1];
        Forked<int[]> carrierOrder = Forked.start(() -> store.sliceOrder(true, carriers.size(), carrierFirsts));
        this.threadFirsts = new int[threads.size() + 1];
        this.byThread = store.sliceOrder(false, threads.size(), threadFirsts);
        this.byCarrier = carrierOrder.join();
        this.scheduler = new SliceScheduler(store, threads, sources, threadFirsts, byThread, fromNanos,
                                            bucketNanos);
    }

    /** The wake-up that made each slice's thread runnable, -1 for none (see {@link SliceScheduler}). */
    int[] wakeupOfEachSlice() {
        return scheduler.wakeupOfEachSlice();
    }

    Slices slices(SpanStore pins, RequestSpans requests, Names paths) {
        // The scheduler's part, the counts by end kind and the join with requests only read the slices and the
        // orders: they run on the other core meanwhile.
        long busy = 0;
        for (int s = 0; s < store.slices(); s++) {
            busy += store.end(s) - store.start(s);
        }
        long allBusy = busy;
        Forked<Slices.Scheduler> schedulerPart = Forked.start(() -> scheduler.scheduler(allBusy));
        Forked<Map<String, Long>> byEndPart = Forked.start(this::byEnd);
        Forked<Slices.Requests> requestPart = Forked.start(() -> requests == null || requests.spans().size() == 0
                ? null : new RequestSlices(store, carriers, threads, threadFirsts, byThread).join(requests, paths));
        List<String> examples = new ArrayList<>();
        long[] pinned = pinnedPerCarrier(pins);
        long carrierOverlaps = 0;
        int[] stamp = new int[threads.size()];
        List<Slices.Carrier> perCarrier = new ArrayList<>();
        for (int c = 0; c < carriers.size(); c++) {
            long carrierBusy = 0;
            long longest = 0;
            int latest = -1;
            long distinct = 0;
            double[] buckets = new double[BUCKETS];
            for (int k = carrierFirsts[c]; k < carrierFirsts[c + 1]; k++) {
                int s = byCarrier[k];
                long nanos = store.end(s) - store.start(s);
                carrierBusy += nanos;
                longest = Math.max(longest, nanos);
                if (stamp[store.thread(s)] != c + 1) {
                    stamp[store.thread(s)] = c + 1;
                    distinct++;
                }
                spread(buckets, store.start(s), store.end(s));
                // Against the slice that ends last so far: one long slice may hold several later ones.
                if (k > carrierFirsts[c] && store.start(s) < store.end(latest)) {
                    if (carrierOverlaps++ < EXAMPLES) {
                        examples.add(overlap("carrier " + carriers.name(c) + " ran", latest, s, true));
                    }
                }
                if (k == carrierFirsts[c] || store.end(s) > store.end(latest)) {
                    latest = s;
                }
            }
            List<Double> overTime = new ArrayList<>(BUCKETS);
            for (double bucket : buckets) {
                overTime.add(Math.round(10_000.0 * bucket / bucketNanos) / 10_000.0);
            }
            perCarrier.add(new Slices.Carrier(carriers.name(c), carrierFirsts[c + 1] - carrierFirsts[c], distinct,
                    LatencyRecorder.millis(carrierBusy), share(carrierBusy, spanNanos), LatencyRecorder.millis(longest),
                    LatencyRecorder.millis(pinned[c]), List.copyOf(overTime)));
        }
        perCarrier.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()));
        long[] threadOverlaps = {0};
        Slices.VirtualThreads virtualThreads = virtualThreads(threadOverlaps, examples);
        boolean holds = carrierOverlaps == 0 && threadOverlaps[0] == 0;
        return new Slices(store.slices(), LatencyRecorder.millis(busy), bucketNanos / 1e6, byEndPart.join(),
                          List.copyOf(perCarrier), virtualThreads, schedulerPart.join(),
                          new Slices.Invariants(holds, carrierOverlaps, threadOverlaps[0], List.copyOf(examples)),
                          requestPart.join());
    }

    /** Adds the time of [start, end) to each bucket it covers. */
    private void spread(double[] buckets, long start, long end) {
        long at = Math.max(start, from);
        while (at < end) {
            int bucket = (int) ((at - from) / bucketNanos);
            if (bucket >= BUCKETS) {
                break;
            }
            long bucketEnd = from + (bucket + 1) * bucketNanos;
            long until = Math.min(end, bucketEnd);
            buckets[bucket] += until - at;
            at = until;
        }
    }

    private Slices.VirtualThreads virtualThreads(long[] overlaps, List<String> examples) {
        int[] stamp = new int[carriers.size()];
        long migrations = 0;
        long pairs = 0;
        long[] migrationsOf = new long[threads.size()];
        long[] carriersOf = new long[threads.size()];
        long[] mountedOf = new long[threads.size()];
        for (int t = 0; t < threads.size(); t++) {
            int latest = -1;
            for (int k = threadFirsts[t]; k < threadFirsts[t + 1]; k++) {
                int s = byThread[k];
                mountedOf[t] += store.end(s) - store.start(s);
                if (stamp[store.carrier(s)] != t + 1) {
                    stamp[store.carrier(s)] = t + 1;
                    carriersOf[t]++;
                }
                if (k > threadFirsts[t]) {
                    int previous = byThread[k - 1];
                    pairs++;
                    if (store.carrier(previous) != store.carrier(s)) {
                        migrationsOf[t]++;
                    }
                    if (store.start(s) < store.end(latest) && store.carrier(latest) != store.carrier(s)) {
                        if (overlaps[0]++ < EXAMPLES) {
                            examples.add(overlap("virtual thread " + threadName(t) + " ran", latest, s, false));
                        }
                    }
                }
                if (latest < 0 || store.end(s) > store.end(latest)) {
                    latest = s;
                }
            }
            migrations += migrationsOf[t];
        }
        int[] top = IndexSort.sorted(threads.size(), (a, b) -> Integer.compare(
                threadFirsts[b + 1] - threadFirsts[b], threadFirsts[a + 1] - threadFirsts[a]));
        List<Slices.VirtualThread> topThreads = new ArrayList<>();
        long withSlices = 0;
        for (int t : top) {
            long count = threadFirsts[t + 1] - threadFirsts[t];
            if (count == 0) {
                continue;
            }
            withSlices++;
            if (topThreads.size() < TOP_THREADS) {
                topThreads.add(new Slices.VirtualThread(threads.name(t), threads.id(t) & ID_BITS, count,
                        carriersOf[t], migrationsOf[t], LatencyRecorder.millis(mountedOf[t])));
            }
        }
        return new Slices.VirtualThreads(withSlices, migrations, share(migrations, pairs), List.copyOf(topThreads));
    }

    /**
     * Pinned time per carrier: each jdk.VirtualThreadPinned inside the slice of its virtual thread that contains
     * its start. A pinned park keeps the slice open (the recorder ends a slice only at unmount), so the pin lies
     * within one slice, which names the carrier, also on JDK 21 where the pin event has no carrier field.
     */
    private long[] pinnedPerCarrier(SpanStore pins) {
        long[] pinned = new long[carriers.size()];
        for (int p = 0; p < pins.size(); p++) {
            int t = threads.find(pins.threadId(p));
            if (t < 0) {
                continue;
            }
            int k = lastStartingBy(t, pins.start(p));
            if (k >= 0) {
                int s = byThread[k];
                long overlap = Math.min(pins.end(p), store.end(s)) - Math.max(pins.start(p), store.start(s));
                if (overlap > 0) {
                    pinned[store.carrier(s)] += overlap;
                }
            }
        }
        return pinned;
    }

    /** Thread t's slice that contains {@code nanos}, or -1. */
    int sliceOfThreadAt(int t, long nanos) {
        int k = lastStartingBy(t, nanos);
        return k >= 0 && store.end(byThread[k]) >= nanos ? byThread[k] : -1;
    }

    int[] carrierFirsts() {
        return carrierFirsts;
    }

    int[] byCarrier() {
        return byCarrier;
    }

    long from() {
        return from;
    }

    long spanNanos() {
        return spanNanos;
    }

    /** Position in {@code byThread} of thread t's last slice starting at or before {@code nanos}, or -1. */
    private int lastStartingBy(int t, long nanos) {
        int low = threadFirsts[t];
        int high = threadFirsts[t + 1] - 1;
        int found = -1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (store.start(byThread[middle]) <= nanos) {
                found = middle;
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return found;
    }

    private Map<String, Long> byEnd() {
        long[] byKind = new long[kinds.size()];
        for (int i = 0; i < store.slices(); i++) {
            byKind[store.endKind(i)]++;
        }
        return new TreeMap<>(kinds.counts(byKind));
    }

    /** "carrier X ran A from +1.000 ms to +2.000 ms and B from +1.500 ms": times since the recording's start. */
    private String overlap(String what, int earlier, int later, boolean namesThreads) {
        String first = namesThreads ? threadName(store.thread(earlier)) : "on " + carriers.name(store.carrier(earlier));
        String second = namesThreads ? threadName(store.thread(later)) : "on " + carriers.name(store.carrier(later));
        return String.format(Locale.ROOT, "%s %s from +%.3f ms to +%.3f ms and %s from +%.3f ms to +%.3f ms", what,
                             first, (store.start(earlier) - from) / 1e6, (store.end(earlier) - from) / 1e6, second,
                             (store.start(later) - from) / 1e6, (store.end(later) - from) / 1e6);
    }

    private String threadName(int t) {
        String name = threads.name(t);
        return (name.isEmpty() ? "unnamed" : name) + " (#" + (threads.id(t) & ID_BITS) + ")";
    }

    static double share(long part, long whole) {
        return whole <= 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
