package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.List;

import org.HdrHistogram.Histogram;

/**
 * Joins loomscope.ServerRequest spans with the slices of their handler thread: for each request, the slices that
 * overlap it (hops), their carriers, and the time mounted against the time waiting.
 */
final class RequestSlices {

    private static final int EXAMPLES = 5;

    private final SliceStore store;
    private final ThreadTable carriers;
    private final ThreadTable threads;
    private final int[] threadFirsts;
    private final int[] byThread;
    private final int[] seenIn;
    private int stamps;

    RequestSlices(SliceStore store, ThreadTable carriers, ThreadTable threads, int[] threadFirsts, int[] byThread) {
        this.store = store;
        this.carriers = carriers;
        this.threads = threads;
        this.threadFirsts = threadFirsts;
        this.byThread = byThread;
        this.seenIn = new int[carriers.size()];
    }

    Slices.Requests join(RequestSpans requests, Names paths) {
        SpanStore spans = requests.spans();
        Histogram hops = new Histogram(3);
        Histogram carrierCounts = new Histogram(3);
        LatencyRecorder mounted = new LatencyRecorder();
        LatencyRecorder waiting = new LatencyRecorder();
        long withSlices = 0;
        int[] slowest = new int[0];
        for (int i = 0; i < spans.size(); i++) {
            long[] figures = figures(spans, i, null);
            hops.recordValue(figures[0]);
            carrierCounts.recordValue(figures[1]);
            mounted.record(figures[2]);
            waiting.record(spans.end(i) - spans.start(i) - figures[2]);
            if (figures[0] > 0) {
                withSlices++;
            }
            slowest = keepSlowest(slowest, spans, i);
        }
        List<Slices.RequestHops> examples = new ArrayList<>();
        for (int i : slowest) {
            List<String> used = new ArrayList<>();
            long[] figures = figures(spans, i, used);
            long nanos = spans.end(i) - spans.start(i);
            examples.add(new Slices.RequestHops(requests.requestId(i), paths.name(requests.path(i)),
                    LatencyRecorder.millis(nanos), figures[0], List.copyOf(used), LatencyRecorder.millis(figures[2]),
                    LatencyRecorder.millis(nanos - figures[2])));
        }
        return new Slices.Requests(spans.size(), withSlices, spread(hops), spread(carrierCounts), mounted.toMillis(),
                                   waiting.toMillis(), List.copyOf(examples));
    }

    /** Hops, distinct carriers and mounted nanos of request i; the carriers' names go to {@code used} if given. */
    private long[] figures(SpanStore spans, int i, List<String> used) {
        long[] figures = new long[3];
        int t = threads.find(spans.threadId(i));
        if (t < 0) {
            return figures;
        }
        long start = spans.start(i);
        long end = spans.end(i);
        // Carriers seen in this request: marked with a fresh stamp per call, no list of boxed indexes per request.
        int stamp = ++stamps;
        for (int k = firstEndingAfter(t, start); k < threadFirsts[t + 1]; k++) {
            int s = byThread[k];
            if (store.start(s) >= end) {
                break;
            }
            long overlap = Math.min(end, store.end(s)) - Math.max(start, store.start(s));
            if (overlap <= 0) {
                continue;
            }
            figures[0]++;
            figures[2] += overlap;
            int carrier = store.carrier(s);
            if (seenIn[carrier] != stamp) {
                seenIn[carrier] = stamp;
                figures[1]++;
                if (used != null) {
                    used.add(carriers.name(carrier));
                }
            }
        }
        return figures;
    }

    /** Position in byThread of thread t's first slice that ends after {@code nanos}. */
    private int firstEndingAfter(int t, long nanos) {
        int low = threadFirsts[t];
        int high = threadFirsts[t + 1];
        // A thread's slices do not overlap, so their ends grow with their starts: a binary search holds.
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (store.end(byThread[middle]) <= nanos) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    /** The indexes of the slowest requests so far, slowest first, with request i considered. */
    private static int[] keepSlowest(int[] slowest, SpanStore spans, int i) {
        long nanos = spans.end(i) - spans.start(i);
        if (slowest.length == EXAMPLES
                && nanos <= spans.end(slowest[EXAMPLES - 1]) - spans.start(slowest[EXAMPLES - 1])) {
            return slowest;
        }
        int[] kept = java.util.Arrays.copyOf(slowest, Math.min(EXAMPLES, slowest.length + 1));
        int at = Math.min(slowest.length, EXAMPLES - 1);
        while (at > 0 && spans.end(kept[at - 1]) - spans.start(kept[at - 1]) < nanos) {
            kept[at] = kept[at - 1];
            at--;
        }
        kept[at] = i;
        return kept;
    }

    private static Slices.Spread spread(Histogram histogram) {
        long max = histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue();
        return new Slices.Spread(Math.min(max, histogram.getValueAtPercentile(50)),
                                 Math.min(max, histogram.getValueAtPercentile(90)),
                                 Math.min(max, histogram.getValueAtPercentile(99)), max);
    }
}
