package dev.loomscope.jfr.analysis;

import java.util.List;
import java.util.Map;

/**
 * What the loomscope recorder's slices say: each a stretch of one virtual thread on one carrier, mount to unmount
 * ({@code loomscope.VirtualThreadSlice}), with the wake-ups that made virtual threads runnable
 * ({@code loomscope.VirtualThreadWakeup}). Written to JSON as it stands (docs/CONTRACTS.md).
 *
 * @param count          slices
 * @param busyMillis     carrier time spent in slices, summed over carriers
 * @param bucketMillis   width of the time buckets of every "over time" list, from the recording's start
 * @param byEnd          slices by how they ended (parked, yielded, terminated, blocked, waiting, unknown)
 * @param carriers       one entry per carrier, in name order
 * @param virtualThreads per virtual thread: totals and the threads with most slices
 * @param scheduler      wake-ups, ready-to-mount delay and the JDK's pollers
 * @param invariants     what must hold of any recording of slices, checked
 * @param requests       loomscope.ServerRequest joined with the slices of their handler thread; null without requests
 */
public record Slices(long count, double busyMillis, double bucketMillis, Map<String, Long> byEnd,
                     List<Carrier> carriers, VirtualThreads virtualThreads, Scheduler scheduler,
                     Invariants invariants, Requests requests) {

    /**
     * One carrier.
     *
     * @param name               the carrier thread, e.g. ForkJoinPool-1-worker-1
     * @param slices             slices it ran
     * @param virtualThreads     distinct virtual threads it ran
     * @param busyMillis         time in slices
     * @param busyShare          that share of the recording's duration, 0..1
     * @param longestSliceMillis its longest slice
     * @param pinnedMillis       time its virtual threads were pinned (jdk.VirtualThreadPinned inside its slices)
     * @param busyOverTime       busy share per bucket of {@link Slices#bucketMillis()}
     */
    public record Carrier(String name, long slices, long virtualThreads, double busyMillis, double busyShare,
                          double longestSliceMillis, double pinnedMillis, List<Double> busyOverTime) {
    }

    /**
     * Virtual threads that ran slices.
     *
     * @param count          distinct virtual threads with slices
     * @param migrations     consecutive slices of one thread on different carriers, summed over threads
     * @param migrationShare migrations per pair of consecutive slices, 0..1
     * @param top            the threads with most slices, most first
     */
    public record VirtualThreads(long count, long migrations, double migrationShare, List<VirtualThread> top) {
    }

    /**
     * One virtual thread.
     *
     * @param name         its name, empty when unnamed
     * @param javaThreadId its Java thread id
     * @param slices       slices it ran
     * @param carriers     distinct carriers it ran on
     * @param migrations   consecutive slices on different carriers
     * @param mountedMillis time in slices
     */
    public record VirtualThread(String name, long javaThreadId, long slices, long carriers, long migrations,
                                double mountedMillis) {
    }

    /**
     * The scheduler as the wake-ups show it.
     *
     * @param wakeups              wake-up events
     * @param bySource             wake-ups by source (poller, timer, start, yield, thread)
     * @param readyDelayMillis     time from a wake-up to the start of the woken thread's next slice; null when no
     *                             wake-up is followed by a slice of its thread
     * @param readyDelayOverTime   those delays per bucket, by the slice's start; null entries for empty buckets
     * @param unmatchedWakeups     wake-ups with no later slice of their thread in the recording
     * @param pollers              the JDK's I/O pollers' own slices
     */
    public record Scheduler(long wakeups, Map<String, Long> bySource, Report.Latency readyDelayMillis,
                            List<Report.Latency> readyDelayOverTime, long unmatchedWakeups, Pollers pollers) {
    }

    /**
     * The JDK's I/O pollers that are virtual threads (SubPoller-N on JDK 22+ on Linux) and so run on the carriers.
     *
     * @param threads        poller virtual threads that ran slices, by name
     * @param slices         their slices
     * @param busyMillis     their time on carriers
     * @param shareOfBusy    that share of all slice time, 0..1
     */
    public record Pollers(List<String> threads, long slices, double busyMillis, double shareOfBusy) {
    }

    /**
     * Invariants of the physical world: a violation is a recorder bug.
     *
     * @param holds                 whether both hold
     * @param carrierOverlaps       slices that began before an earlier slice of their carrier had ended
     * @param virtualThreadOverlaps slices that began before an earlier slice of their virtual thread, on another
     *                              carrier, had ended
     * @param examples              the first few of each, in words
     */
    public record Invariants(boolean holds, long carrierOverlaps, long virtualThreadOverlaps, List<String> examples) {
    }

    /**
     * Server requests with the slices of their handler thread inside them.
     *
     * @param count         requests joined
     * @param withSlices    of those, with at least one slice
     * @param hops          slices per request: p50, p90, p99, max
     * @param carriers      distinct carriers per request: p50, p90, p99, max
     * @param mountedMillis time mounted per request
     * @param waitingMillis time in the request not mounted (waiting for I/O, a lock or a carrier)
     * @param examples      the slowest requests
     */
    public record Requests(long count, long withSlices, Spread hops, Spread carriers, Report.Latency mountedMillis,
                           Report.Latency waitingMillis, List<RequestHops> examples) {
    }

    /** A distribution of counts. */
    public record Spread(double p50, double p90, double p99, double max) {
    }

    /**
     * One request and its handler thread's slices.
     *
     * @param requestId      the request's id
     * @param path           its path
     * @param durationMillis its duration
     * @param hops           slices of its handler thread inside it
     * @param carriers       distinct carriers of those, in order of first use
     * @param mountedMillis  time mounted inside the request
     * @param waitingMillis  the rest
     */
    public record RequestHops(long requestId, String path, double durationMillis, long hops, List<String> carriers,
                              double mountedMillis, double waitingMillis) {
    }
}
