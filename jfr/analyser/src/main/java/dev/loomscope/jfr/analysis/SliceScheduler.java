package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The scheduler as the recorder's wake-ups show it: each slice matched with the wake-up that made its thread
 * runnable, the ready-to-mount delay that follows, wake-ups by source and the JDK's pollers' own slices.
 */
final class SliceScheduler {

    private final SliceStore store;
    private final ThreadTable threads;
    private final Names sources;
    private final ThreadSlices slices;
    private final long from;
    private final long bucketNanos;
    private final int[] wakeupFirsts;
    private final Forked<TimeOrder> wakeupOrder;
    // Counted meanwhile on a thread of its own: the scheduler's part is among the report's last to finish.
    private final Forked<long[]> bySource;
    private int[] wakeupOf;
    private long unmatchedWakeups;
    private long matched;
    private DurationCounts[] delaysOverTime;

    /**
     * Over the slices of each thread ({@code slices}) and the wake-ups of each, {@code wakeups} by time in ranges
     * {@code wakeupFirsts} once joined; buckets from {@code from}.
     */
    SliceScheduler(SliceStore store, ThreadTable threads, Names sources, ThreadSlices slices,
                   Forked<TimeOrder> wakeups, int[] wakeupFirsts, long from, long bucketNanos) {
        this.store = store;
        this.threads = threads;
        this.sources = sources;
        this.slices = slices;
        this.wakeupOrder = wakeups;
        this.wakeupFirsts = wakeupFirsts;
        this.from = from;
        this.bucketNanos = bucketNanos;
        this.bySource = Forked.start(() -> bySource(store, sources.size()));
    }

    private static long[] bySource(SliceStore store, int sources) {
        long[] bySourceIndex = new long[sources];
        for (int i = 0; i < store.wakeups(); i++) {
            bySourceIndex[store.wakeupSource(i)]++;
        }
        return bySourceIndex;
    }

    /**
     * Wake-ups by source and the ready-to-mount delay: for each slice, the time since the first wake-up of its
     * thread after its previous slice began; wake-ups after a thread's last slice are unmatched.
     */
    Slices.Scheduler scheduler(long busy) {
        wakeupOfEachSlice();
        // Each delay went into its bucket's histogram only: the overall one is their sum.
        DurationCounts overall = new DurationCounts();
        List<Report.Latency> delays = new ArrayList<>(SliceAnalysis.BUCKETS);
        for (DurationCounts bucket : delaysOverTime) {
            if (bucket != null) {
                overall.add(bucket);
            }
            delays.add(bucket == null ? null : bucket.recorder().toMillis());
        }
        long[] bySourceIndex = bySource.join();
        return new Slices.Scheduler(store.wakeups(), Names.mostFirst(sources.counts(bySourceIndex), 100),
                                    matched == 0 ? null : overall.recorder().toMillis(), Collections.unmodifiableList(delays),
                                    unmatchedWakeups, pollers(busy));
    }

    /**
     * The wake-up that made each slice's thread runnable, -1 for none: the first wake-up of its thread since its
     * previous slice began. Wake-ups after a thread's last slice are counted as unmatched.
     */
    synchronized int[] wakeupOfEachSlice() {
        if (wakeupOf == null) {
            TimeOrder wakeups = wakeupOrder.join();
            int[] of = new int[store.slices()];
            java.util.Arrays.fill(of, -1);
            delaysOverTime = new DurationCounts[SliceAnalysis.BUCKETS];
            long unmatched = 0;
            for (int t = 0; t < threads.size(); t++) {
                unmatched += match(t, wakeups, of);
            }
            unmatchedWakeups = unmatched;
            wakeupOf = of;
        }
        return wakeupOf;
    }

    /**
     * Matches thread t's slices with its wake-ups, both in time order, recording each delay in the bucket of its
     * slice's start; returns the wake-ups left after its last slice.
     */
    private int match(int t, TimeOrder wakeups, int[] of) {
        int w = wakeupFirsts[t];
        int wEnd = wakeupFirsts[t + 1];
        for (int k = slices.firsts[t]; k < slices.firsts[t + 1] && w < wEnd; k++) {
            long start = slices.start[k];
            if (wakeups.time[w] <= start) {
                of[slices.slice[k]] = wakeups.index[w];
                long delay = start - wakeups.time[w];
                do {
                    w++;
                } while (w < wEnd && wakeups.time[w] <= start);
                delayAt(start).record(delay);
                matched++;
            }
        }
        return wEnd - w;
    }

    private DurationCounts delayAt(long start) {
        int bucket = (int) Math.min(SliceAnalysis.BUCKETS - 1, Math.max(0, (start - from) / bucketNanos));
        if (delaysOverTime[bucket] == null) {
            delaysOverTime[bucket] = new DurationCounts();
        }
        return delaysOverTime[bucket];
    }

    /** The JDK's pollers among the virtual threads: SubPoller-N on JDK 22+ (21's pollers are platform threads). */
    private Slices.Pollers pollers(long busy) {
        List<String> names = new ArrayList<>();
        long count = 0;
        long nanos = 0;
        for (int t = 0; t < threads.size(); t++) {
            if (!isPoller(threads.name(t)) || slices.firsts[t + 1] == slices.firsts[t]) {
                continue;
            }
            names.add(threads.name(t));
            for (int k = slices.firsts[t]; k < slices.firsts[t + 1]; k++) {
                count++;
                nanos += slices.end[k] - slices.start[k];
            }
        }
        names.sort(NaturalOrder.INSTANCE);
        return new Slices.Pollers(List.copyOf(names), count, LatencyRecorder.millis(nanos), SliceAnalysis.share(nanos, busy));
    }

    static boolean isPoller(String name) {
        return name.startsWith("SubPoller-") || name.equals("Read-Poller") || name.equals("Write-Poller")
               || name.equals("MasterPoller");
    }
}
