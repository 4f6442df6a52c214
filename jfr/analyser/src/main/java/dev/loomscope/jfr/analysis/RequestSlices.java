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
    private final int carrierCount;

    RequestSlices(ThreadTable carriers, ThreadTable threads, ThreadSlices slices) {
        this.carriers = carriers;
        this.threads = threads;
        this.slices = slices;
        this.carrierCount = carriers.size();
    }

    Slices.Requests join(RequestSpans requests, Names paths) {
        SpanStore spans = requests.spans();
        SpanThreads byThread = spans.byThread();
        // Two halves of the threads, one on a thread of its own: this part is the report's last to finish.
        int half = 0;
        while (half < byThread.groups() && byThread.firsts[half] < spans.size() / 2) {
            half++;
        }
        int middle = half;
        Forked<Part> firstHalf = Forked.start(() -> walk(byThread, 0, middle));
        Part part = walk(byThread, middle, byThread.groups()).add(firstHalf.join());
        long[] figures = new long[3];
        int[] slowest = new int[0];
        for (int i = 0; i < spans.size(); i++) {
            slowest = keepSlowest(slowest, spans, i);
        }
        List<Slices.RequestHops> examples = new ArrayList<>();
        for (int i : slowest) {
            List<String> used = new ArrayList<>();
            int t = threads.find(spans.threadId(i));
            figures(spans.start(i), spans.end(i), t, t < 0 ? -1 : slices.firsts[t], figures, used, part);
            long nanos = spans.end(i) - spans.start(i);
            examples.add(new Slices.RequestHops(requests.requestId(i), paths.name(requests.path(i)),
                    LatencyRecorder.millis(nanos), figures[0], List.copyOf(used), LatencyRecorder.millis(figures[2]),
                    LatencyRecorder.millis(nanos - figures[2])));
        }
        return new Slices.Requests(spans.size(), spans.size() - part.hops.countOf(0), spread(part.hops.histogram()),
                                   spread(part.carriers.histogram()), part.mounted.recorder().toMillis(),
                                   part.waiting.recorder().toMillis(), List.copyOf(examples));
    }

    /** The figures of the requests of thread groups [from, to), a thread at a time: its slices stay in the cache. */
    private Part walk(SpanThreads byThread, int from, int to) {
        Part part = new Part();
        long[] figures = new long[3];
        for (int g = from; g < to; g++) {
            int t = threads.find(byThread.ids[g]);
            int near = t < 0 ? -1 : slices.firsts[t];
            for (int k = byThread.firsts[g]; k < byThread.firsts[g + 1]; k++) {
                near = figures(byThread.start[k], byThread.end[k], t, near, figures, null, part);
                part.hops.add(figures[0]);
                part.carriers.add(figures[1]);
                part.mounted.record(figures[2]);
                part.waiting.record(byThread.end[k] - byThread.start[k] - figures[2]);
            }
        }
        return part;
    }

    /** What the requests of some threads add up to; small counts (hops, carriers) are counted per value. */
    private final class Part {
        final ValueCounts hops = new ValueCounts();
        final ValueCounts carriers = new ValueCounts();
        final DurationCounts mounted = new DurationCounts();
        final DurationCounts waiting = new DurationCounts();
        // Carriers seen in a request: marked with a fresh stamp per request, no list of boxed indexes per request.
        final int[] seenIn = new int[carrierCount];
        int stamps;

        Part add(Part other) {
            hops.add(other.hops);
            carriers.add(other.carriers);
            mounted.add(other.mounted);
            waiting.add(other.waiting);
            return this;
        }
    }

    /**
     * Hops, distinct carriers and mounted nanos of a request from {@code start} to {@code end} on thread t (-1 when
     * it has no slices), into {@code figures}; the carriers' names go to {@code used} if given. Returns where its
     * slices begin in {@link ThreadSlices}: the next request of the thread begins its search there.
     */
    private int figures(long start, long end, int t, int near, long[] figures, List<String> used, Part part) {
        figures[0] = 0;
        figures[1] = 0;
        figures[2] = 0;
        if (t < 0) {
            return near;
        }
        int stamp = ++part.stamps;
        int[] seenIn = part.seenIn;
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
