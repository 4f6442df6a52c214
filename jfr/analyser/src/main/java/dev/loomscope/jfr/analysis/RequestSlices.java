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

    private final ThreadTable carriers;
    private final ThreadTable threads;
    private final ThreadSlices slices;
    private final int[] seenIn;
    private int stamps;

    RequestSlices(ThreadTable carriers, ThreadTable threads, ThreadSlices slices) {
        this.carriers = carriers;
        this.threads = threads;
        this.slices = slices;
        this.seenIn = new int[carriers.size()];
    }

    Slices.Requests join(RequestSpans requests, Names paths) {
        SpanStore spans = requests.spans();
        // Small counts (hops, carriers) are counted per value and recorded once per value.
        ValueCounts hops = new ValueCounts();
        ValueCounts carrierCounts = new ValueCounts();
        LatencyRecorder mounted = new LatencyRecorder();
        LatencyRecorder waiting = new LatencyRecorder();
        long[] figures = new long[3];
        // A thread at a time, so that its slices stay in the cache while its requests are joined.
        SpanThreads byThread = spans.byThread();
        for (int g = 0; g < byThread.groups(); g++) {
            int t = threads.find(byThread.ids[g]);
            int near = t < 0 ? -1 : slices.firsts[t];
            for (int k = byThread.firsts[g]; k < byThread.firsts[g + 1]; k++) {
                near = figures(byThread.start[k], byThread.end[k], t, near, figures, null);
                hops.add(figures[0]);
                carrierCounts.add(figures[1]);
                mounted.record(figures[2]);
                waiting.record(byThread.end[k] - byThread.start[k] - figures[2]);
            }
        }
        int[] slowest = new int[0];
        for (int i = 0; i < spans.size(); i++) {
            slowest = keepSlowest(slowest, spans, i);
        }
        List<Slices.RequestHops> examples = new ArrayList<>();
        for (int i : slowest) {
            List<String> used = new ArrayList<>();
            int t = threads.find(spans.threadId(i));
            figures(spans.start(i), spans.end(i), t, t < 0 ? -1 : slices.firsts[t], figures, used);
            long nanos = spans.end(i) - spans.start(i);
            examples.add(new Slices.RequestHops(requests.requestId(i), paths.name(requests.path(i)),
                    LatencyRecorder.millis(nanos), figures[0], List.copyOf(used), LatencyRecorder.millis(figures[2]),
                    LatencyRecorder.millis(nanos - figures[2])));
        }
        return new Slices.Requests(spans.size(), spans.size() - hops.countOf(0), spread(hops.histogram()),
                                   spread(carrierCounts.histogram()), mounted.toMillis(), waiting.toMillis(),
                                   List.copyOf(examples));
    }

    /**
     * Hops, distinct carriers and mounted nanos of a request from {@code start} to {@code end} on thread t (-1 when
     * it has no slices), into {@code figures}; the carriers' names go to {@code used} if given. Returns where its
     * slices begin in {@link ThreadSlices}: the next request of the thread begins its search there.
     */
    private int figures(long start, long end, int t, int near, long[] figures, List<String> used) {
        figures[0] = 0;
        figures[1] = 0;
        figures[2] = 0;
        if (t < 0) {
            return near;
        }
        // Carriers seen in this request: marked with a fresh stamp per call, no list of boxed indexes per request.
        int stamp = ++stamps;
        int first = slices.firstEndingAfter(t, start, near);
        for (int k = first; k < slices.firsts[t + 1]; k++) {
            if (slices.start[k] >= end) {
                break;
            }
            long overlap = Math.min(end, slices.end[k]) - Math.max(start, slices.start[k]);
            if (overlap <= 0) {
                continue;
            }
            figures[0]++;
            figures[2] += overlap;
            int carrier = slices.carrier[k];
            if (seenIn[carrier] != stamp) {
                seenIn[carrier] = stamp;
                figures[1]++;
                if (used != null) {
                    used.add(carriers.name(carrier));
                }
            }
        }
        return first;
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
