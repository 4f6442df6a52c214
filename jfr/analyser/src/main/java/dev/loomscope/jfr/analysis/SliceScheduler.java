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
    private final int[] threadFirsts;
    private final int[] byThread;
    private final long from;
    private final long bucketNanos;
    private int[] wakeupOf;
    private long unmatchedWakeups;

    /** Over the slices grouped by thread ({@code byThread}, ranges {@code threadFirsts}), buckets from {@code from}. */
    SliceScheduler(SliceStore store, ThreadTable threads, Names sources, int[] threadFirsts, int[] byThread,
                   long from, long bucketNanos) {
        this.store = store;
        this.threads = threads;
        this.sources = sources;
        this.threadFirsts = threadFirsts;
        this.byThread = byThread;
        this.from = from;
        this.bucketNanos = bucketNanos;
    }

    /**
     * Wake-ups by source and the ready-to-mount delay: for each slice, the time since the first wake-up of its
     * thread after its previous slice began; wake-ups after a thread's last slice are unmatched.
     */
    Slices.Scheduler scheduler(long busy) {
        int[] wakeupOf = wakeupOfEachSlice();
        LatencyRecorder overall = new LatencyRecorder();
        LatencyRecorder[] overTime = new LatencyRecorder[SliceAnalysis.BUCKETS];
        long matched = 0;
        for (int s = 0; s < store.slices(); s++) {
            if (wakeupOf[s] < 0) {
                continue;
            }
            long start = store.start(s);
            long delay = start - store.wakeupTime(wakeupOf[s]);
            overall.record(delay);
            matched++;
            int bucket = (int) Math.min(SliceAnalysis.BUCKETS - 1, Math.max(0, (start - from) / bucketNanos));
            if (overTime[bucket] == null) {
                overTime[bucket] = new LatencyRecorder();
            }
            overTime[bucket].record(delay);
        }
        List<Report.Latency> delays = new ArrayList<>(SliceAnalysis.BUCKETS);
        for (LatencyRecorder bucket : overTime) {
            delays.add(bucket == null ? null : bucket.toMillis());
        }
        long[] bySourceIndex = new long[sources.size()];
        for (int i = 0; i < store.wakeups(); i++) {
            bySourceIndex[store.wakeupSource(i)]++;
        }
        return new Slices.Scheduler(store.wakeups(), Names.mostFirst(sources.counts(bySourceIndex), 100),
                                    matched == 0 ? null : overall.toMillis(), Collections.unmodifiableList(delays),
                                    unmatchedWakeups, pollers(busy));
    }

    /**
     * The wake-up that made each slice's thread runnable, -1 for none: the first wake-up of its thread since its
     * previous slice began. Wake-ups after a thread's last slice are counted as unmatched.
     */
    int[] wakeupOfEachSlice() {
        if (wakeupOf == null) {
            wakeupOf = matchWakeups();
        }
        return wakeupOf;
    }

    private int[] matchWakeups() {
        int[] wakeupFirsts = new int[threads.size() + 1];
        int[] wakeups = store.wakeupOrder(threads.size(), wakeupFirsts);
        int[] wakeupOf = new int[store.slices()];
        java.util.Arrays.fill(wakeupOf, -1);
        long unmatched = 0;
        for (int t = 0; t < threads.size(); t++) {
            int w = wakeupFirsts[t];
            int wEnd = wakeupFirsts[t + 1];
            for (int k = threadFirsts[t]; k < threadFirsts[t + 1]; k++) {
                long start = store.start(byThread[k]);
                int first = -1;
                while (w < wEnd && store.wakeupTime(wakeups[w]) <= start) {
                    if (first < 0) {
                        first = wakeups[w];
                    }
                    w++;
                }
                wakeupOf[byThread[k]] = first;
            }
            unmatched += wEnd - w;
        }
        unmatchedWakeups = unmatched;
        return wakeupOf;
    }

    /** The JDK's pollers among the virtual threads: SubPoller-N on JDK 22+ (21's pollers are platform threads). */
    private Slices.Pollers pollers(long busy) {
        List<String> names = new ArrayList<>();
        long slices = 0;
        long nanos = 0;
        for (int t = 0; t < threads.size(); t++) {
            if (!isPoller(threads.name(t)) || threadFirsts[t + 1] == threadFirsts[t]) {
                continue;
            }
            names.add(threads.name(t));
            for (int k = threadFirsts[t]; k < threadFirsts[t + 1]; k++) {
                slices++;
                nanos += store.end(byThread[k]) - store.start(byThread[k]);
            }
        }
        names.sort(NaturalOrder.INSTANCE);
        return new Slices.Pollers(List.copyOf(names), slices, LatencyRecorder.millis(nanos), SliceAnalysis.share(nanos, busy));
    }

    static boolean isPoller(String name) {
        return name.startsWith("SubPoller-") || name.equals("Read-Poller") || name.equals("Write-Poller")
               || name.equals("MasterPoller");
    }
}
