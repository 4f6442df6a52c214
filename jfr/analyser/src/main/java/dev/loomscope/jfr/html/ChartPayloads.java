package dev.loomscope.jfr.html;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.loomscope.jfr.analysis.Timeline;

/** The in-flight and latency charts' data, computed from a recording's timeline spans. */
final class ChartPayloads {

    private static final int INFLIGHT_BUCKETS = 1_500;
    private static final int LATENCY_BUCKETS_PER_DECADE = 10;

    private ChartPayloads() {
    }

    /** Requests in flight over time: the highest count in each of up to 1,500 time buckets. */
    static Map<String, Object> inflight(Timeline timeline, Instant origin, double durationMillis) {
        List<Timeline.RequestSpan> spans = timeline.requests();
        int n = spans.size();
        double[] starts = new double[n];
        double[] ends = new double[n];
        for (int i = 0; i < n; i++) {
            starts[i] = millis(origin, spans.get(i).start());
            ends[i] = millis(origin, spans.get(i).end());
        }
        Arrays.sort(starts);
        Arrays.sort(ends);
        double bucket = Math.max(durationMillis, 1) / INFLIGHT_BUCKETS;
        List<double[]> points = new ArrayList<>();
        int inFlight = 0;
        int s = 0;
        int e = 0;
        for (int b = 0; b < INFLIGHT_BUCKETS; b++) {
            double bucketEnd = (b + 1) * bucket;
            int peak = inFlight;
            // Sweep starts and ends inside the bucket in time order; ends first on ties, as a span [a, b) would.
            while (s < n && starts[s] < bucketEnd || e < n && ends[e] < bucketEnd) {
                if (e < n && (s >= n || ends[e] <= starts[s])) {
                    inFlight--;
                    e++;
                } else {
                    inFlight++;
                    s++;
                    peak = Math.max(peak, inFlight);
                }
            }
            points.add(new double[] {Math.round(b * bucket * 1000) / 1000.0, peak});
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("points", points);
        data.put("note", (timeline.truncated() ? "Over the first " + n + " of " + timeline.requestsTotal()
                + " requests. " : "") + "Highest count in each of " + INFLIGHT_BUCKETS
                + " time buckets; the dashed line is the number of carrier threads.");
        return data;
    }

    /** Latency distributions of requests and client calls, in buckets spaced evenly on a log scale. */
    static Map<String, Object> latency(Timeline timeline) {
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(series("requests", timeline.requests(), r -> Duration.between(r.start(), r.end())));
        series.add(series("client calls", timeline.calls(), c -> Duration.between(c.start(), c.end())));
        return Map.of("series", series);
    }

    private static <T> Map<String, Object> series(String name, List<T> spans, Function<T, Duration> length) {
        Map<Integer, long[]> counts = new java.util.TreeMap<>();
        for (T span : spans) {
            double ms = Math.max(length.apply(span).toNanos() / 1e6, 0.001);
            int bucket = (int) Math.ceil(Math.log10(ms) * LATENCY_BUCKETS_PER_DECADE);
            counts.computeIfAbsent(bucket, k -> new long[1])[0]++;
        }
        List<double[]> buckets = new ArrayList<>();
        counts.forEach((bucket, count) -> buckets.add(
                new double[] {Math.pow(10, bucket / (double) LATENCY_BUCKETS_PER_DECADE), count[0]}));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("buckets", buckets);
        return data;
    }

    private static double millis(Instant origin, Instant instant) {
        return Duration.between(origin, instant).toNanos() / 1e6;
    }
}
