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
    private final ThreadSlices byThread;
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
        // The wake-ups' order needs nothing of the slices': it is made on the other core meanwhile.
        int[] wakeupFirsts = new int[threads.size() + 1];
        Forked<TimeOrder> wakeups = Forked.start(() -> store.wakeupTimes(threads.size(), wakeupFirsts));
        TimeOrder byTime = store.sliceTimes(carriers.size());
        this.carrierFirsts = new int[carriers.size() + 1];
        this.byCarrier = store.carrierOrder(byTime, carriers.size(), carrierFirsts);
        this.byThread = new ThreadSlices(store, threads.size(), byTime);
        this.scheduler = new SliceScheduler(store, threads, sources, byThread, wakeups, wakeupFirsts, fromNanos,
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
        for (int k = 0; k < byThread.start.length; k++) {
            busy += byThread.end[k] - byThread.start[k];
        }
        long allBusy = busy;
        Forked<Slices.Scheduler> schedulerPart = Forked.start(() -> scheduler.scheduler(allBusy));
        Forked<Map<String, Long>> byEndPart = Forked.start(this::byEnd);
        Forked<Slices.Requests> requestPart = Forked.start(() -> requests == null || requests.spans().size() == 0
                ? null : new RequestSlices(carriers, threads, byThread).join(requests, paths));
        List<String> examples = new ArrayList<>();
        long[] pinned = pinnedPerCarrier(pins);
        long[] carrierOverlaps = {0};
        int[] stamp = new int[threads.size()];
        List<Slices.Carrier> perCarrier = new ArrayList<>();
        for (int c = 0; c < carriers.size(); c++) {
            perCarrier.add(carrier(c, stamp, pinned[c], carrierOverlaps, examples));
        }
        perCarrier.sort((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()));
        long[] threadOverlaps = {0};
        Slices.VirtualThreads virtualThreads = virtualThreads(threadOverlaps, examples);
        boolean holds = carrierOverlaps[0] == 0 && threadOverlaps[0] == 0;
        return new Slices(store.slices(), LatencyRecorder.millis(busy), bucketNanos / 1e6, byEndPart.join(),
                          List.copyOf(perCarrier), virtualThreads, schedulerPart.join(),
                          new Slices.Invariants(holds, carrierOverlaps[0], threadOverlaps[0], List.copyOf(examples)),
                          requestPart.join());
    }

    /** Carrier c's figures; its overlaps are added to {@code overlaps[0]}, the first ones' words to examples. */
    private Slices.Carrier carrier(int c, int[] stamp, long pinned, long[] overlaps, List<String> examples) {
        long carrierBusy = 0;
        long longest = 0;
        int latest = -1;
        long distinct = 0;
        double[] buckets = new double[BUCKETS];
        for (int k = carrierFirsts[c]; k < carrierFirsts[c + 1]; k++) {
            int s = byCarrier[k];
            long start = store.start(s);
            long end = store.end(s);
            long nanos = end - start;
            carrierBusy += nanos;
            longest = Math.max(longest, nanos);
            int thread = store.thread(s);
            if (stamp[thread] != c + 1) {
                stamp[thread] = c + 1;
                distinct++;
            }
            spread(buckets, start, end);
            // Against the slice that ends last so far: one long slice may hold several later ones.
            if (latest >= 0 && start < store.end(latest)) {
                if (overlaps[0]++ < EXAMPLES) {
                    examples.add(overlap("carrier " + carriers.name(c) + " ran", latest, s, true));
                }
            }
            if (latest < 0 || end > store.end(latest)) {
                latest = s;
            }
        }
        List<Double> overTime = new ArrayList<>(BUCKETS);
        for (double bucket : buckets) {
            overTime.add(Math.round(10_000.0 * bucket / bucketNanos) / 10_000.0);
        }
        return new Slices.Carrier(carriers.name(c), carrierFirsts[c + 1] - carrierFirsts[c], distinct,
                LatencyRecorder.millis(carrierBusy), share(carrierBusy, spanNanos), LatencyRecorder.millis(longest),
                LatencyRecorder.millis(pinned), List.copyOf(overTime));
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
        int[] threadFirsts = byThread.firsts;
        for (int t = 0; t < threads.size(); t++) {
            long[] figures = thread(t, stamp, overlaps, examples);
            mountedOf[t] = figures[0];
            carriersOf[t] = figures[1];
            migrationsOf[t] = figures[2];
            pairs += Math.max(0, threadFirsts[t + 1] - threadFirsts[t] - 1);
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
     * Thread t's mounted nanos, distinct carriers and migrations; its overlaps on two carriers are added to
     * {@code overlaps[0]}, the first ones' words to examples.
     */
    private long[] thread(int t, int[] stamp, long[] overlaps, List<String> examples) {
        long[] start = byThread.start;
        long[] end = byThread.end;
        int[] carrier = byThread.carrier;
        long mounted = 0;
        long distinct = 0;
        long migrations = 0;
        int latest = -1;
        for (int k = byThread.firsts[t]; k < byThread.firsts[t + 1]; k++) {
            mounted += end[k] - start[k];
            if (stamp[carrier[k]] != t + 1) {
                stamp[carrier[k]] = t + 1;
                distinct++;
            }
            if (latest >= 0) {
                if (carrier[k - 1] != carrier[k]) {
                    migrations++;
                }
                if (start[k] < end[latest] && carrier[latest] != carrier[k]) {
                    if (overlaps[0]++ < EXAMPLES) {
                        examples.add(overlap("virtual thread " + threadName(t) + " ran", byThread.slice[latest],
                                             byThread.slice[k], false));
                    }
                }
            }
            if (latest < 0 || end[k] > end[latest]) {
                latest = k;
            }
        }
        return new long[] {mounted, distinct, migrations};
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
            int k = byThread.lastStartingBy(t, pins.start(p));
            if (k >= 0) {
                long overlap = Math.min(pins.end(p), byThread.end[k]) - Math.max(pins.start(p), byThread.start[k]);
                if (overlap > 0) {
                    pinned[byThread.carrier[k]] += overlap;
                }
            }
        }
        return pinned;
    }

    /** Thread t's slice that contains {@code nanos}, or -1. */
    int sliceOfThreadAt(int t, long nanos) {
        int k = byThread.lastStartingBy(t, nanos);
        return k >= 0 && byThread.end[k] >= nanos ? byThread.slice[k] : -1;
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
