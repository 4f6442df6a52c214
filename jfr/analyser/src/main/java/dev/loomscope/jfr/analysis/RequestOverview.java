package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every request of a recording folded into equal time buckets, as profilers draw a whole recording: requests
 * started, the most in flight and latency percentiles per bucket, and requests started per carrier per bucket.
 * Built from the spans the analysis keeps as primitive arrays; it holds only the buckets.
 */
final class RequestOverview {

    /** Buckets over the recording: about one per pixel of a wide chart. */
    static final int BUCKETS = 1_000;
    /** Latency bits in a sort key; the bucket index sits above them. */
    private static final int LATENCY_BITS = 53;

    private RequestOverview() {
    }

    /** The buckets of {@code spans} from {@code firstNanos} to {@code lastNanos}; empty when there is no span. */
    static Timeline.Overview of(SpanStore spans, long firstNanos, long lastNanos, Names carrierNames) {
        int n = spans.size();
        if (n == 0 || lastNanos < firstNanos) {
            return new Timeline.Overview(0, List.of(), List.of(), List.of());
        }
        int carrierCount = carrierNames.size();
        double bucketNanos = Math.max(1.0, (lastNanos - firstNanos) / (double) BUCKETS);
        long[] started = new long[BUCKETS];
        long[] peak = new long[BUCKETS];
        long[][] perCarrier = new long[carrierCount][BUCKETS];
        long[] keys = new long[n];
        long[] starts = new long[n];
        long[] ends = new long[n];
        for (int i = 0; i < n; i++) {
            int b = bucket(spans.start(i), firstNanos, bucketNanos);
            started[b]++;
            int carrier = spans.startCarrier(i);
            if (carrier >= 0 && carrier < carrierCount) {
                perCarrier[carrier][b]++;
            }
            long latency = Math.min(Math.max(0, spans.end(i) - spans.start(i)), (1L << LATENCY_BITS) - 1);
            keys[i] = (long) b << LATENCY_BITS | latency;
            starts[i] = spans.start(i);
            ends[i] = spans.end(i);
        }
        sweepPeaks(starts, ends, firstNanos, bucketNanos, peak);
        Arrays.sort(keys);
        List<Timeline.Bucket> buckets = new ArrayList<>(BUCKETS);
        int from = 0;
        for (int b = 0; b < BUCKETS; b++) {
            int count = (int) started[b];
            double p50 = 0;
            double p99 = 0;
            double max = 0;
            if (count > 0) {
                p50 = latencyMillis(keys[from + rank(0.50, count)]);
                p99 = latencyMillis(keys[from + rank(0.99, count)]);
                max = latencyMillis(keys[from + count - 1]);
            }
            from += count;
            buckets.add(new Timeline.Bucket(LatencyRecorder.millis(Math.round(b * bucketNanos)), started[b], peak[b],
                                            p50, p99, max));
        }
        // By name, as the page orders lanes: dictionary indexes depend on the order chunks were merged in.
        List<Integer> byName = new ArrayList<>(carrierCount);
        for (int c = 0; c < carrierCount; c++) {
            if (Arrays.stream(perCarrier[c]).anyMatch(count -> count > 0)) {
                byName.add(c); // the dictionary also names carriers of calls and pins only
            }
        }
        byName.sort(java.util.Comparator.comparing(carrierNames::name, NaturalOrder.INSTANCE));
        List<String> names = new ArrayList<>(carrierCount);
        List<List<Long>> carriers = new ArrayList<>(carrierCount);
        for (int c : byName) {
            names.add(carrierNames.name(c));
            carriers.add(Arrays.stream(perCarrier[c]).boxed().toList());
        }
        return new Timeline.Overview(LatencyRecorder.millis(Math.round(bucketNanos)), List.copyOf(buckets),
                                     List.copyOf(names), List.copyOf(carriers));
    }

    /**
     * The most requests in flight at any instant of each bucket, ends before starts at the same instant: the same
     * rule as the report's peak, so the highest bucket equals it.
     */
    private static void sweepPeaks(long[] starts, long[] ends, long firstNanos, double bucketNanos, long[] peak) {
        Arrays.sort(starts);
        Arrays.sort(ends);
        int n = starts.length;
        long inFlight = 0;
        int s = 0;
        int e = 0;
        int current = 0;
        while (s < n || e < n) {
            boolean end = e < n && (s >= n || ends[e] <= starts[s]);
            long time = end ? ends[e] : starts[s];
            int b = bucket(time, firstNanos, bucketNanos);
            // Buckets passed with nothing happening hold what was in flight through them.
            for (; current < b; current++) {
                peak[current + 1] = Math.max(peak[current + 1], inFlight);
            }
            if (end) {
                inFlight--;
                e++;
            } else {
                inFlight++;
                s++;
                peak[b] = Math.max(peak[b], inFlight);
            }
        }
    }

    private static int bucket(long nanos, long firstNanos, double bucketNanos) {
        return (int) Math.min(BUCKETS - 1, Math.max(0, (long) ((nanos - firstNanos) / bucketNanos)));
    }

    /** Every span's length in {@link Timeline#LATENCY_BUCKETS_PER_DECADE} log buckets per decade of milliseconds. */
    static java.util.SortedMap<Integer, Long> latencyBuckets(SpanStore spans) {
        java.util.TreeMap<Integer, Long> counts = new java.util.TreeMap<>();
        for (int i = 0; i < spans.size(); i++) {
            double ms = Math.max((spans.end(i) - spans.start(i)) / 1e6, 0.001);
            counts.merge((int) Math.ceil(Math.log10(ms) * Timeline.LATENCY_BUCKETS_PER_DECADE), 1L, Long::sum);
        }
        return java.util.Collections.unmodifiableSortedMap(counts);
    }

    /** Nearest-rank index of the {@code quantile} in {@code count} sorted values. */
    private static int rank(double quantile, int count) {
        return Math.max(0, (int) Math.ceil(quantile * count) - 1);
    }

    private static double latencyMillis(long key) {
        return LatencyRecorder.millis(key & ((1L << LATENCY_BITS) - 1));
    }
}
