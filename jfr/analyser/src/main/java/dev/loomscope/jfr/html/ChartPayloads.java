package dev.loomscope.jfr.html;

import java.time.Duration;
import java.util.ArrayList;
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

    /**
     * Requests in flight over the whole recording, the highest count in each time bucket, and the latency of the
     * requests started in each bucket (p50, p99, max): from every request, not only the spans the page draws.
     */
    static Map<String, Object> inflight(Timeline timeline) {
        Timeline.Overview overview = timeline.overview();
        List<double[]> points = new ArrayList<>();
        List<double[]> latency = new ArrayList<>();
        for (Timeline.Bucket bucket : overview.buckets()) {
            points.add(new double[] {bucket.startMillis(), bucket.peakInFlight()});
            if (bucket.started() > 0) {
                latency.add(new double[] {bucket.startMillis(), bucket.p50Millis(), bucket.p99Millis(),
                                          bucket.maxMillis()});
            }
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("points", points);
        data.put("latency", latency);
        data.put("bucketMillis", overview.bucketMillis());
        data.put("note", "Every request of the recording (" + timeline.requestsTotal() + "): the highest count in"
                + " flight in each " + overview.bucketMillis() + " ms bucket (" + overview.buckets().size()
                + " buckets); the dashed line is the number of carrier threads. Below: latency of the requests"
                + " started in each bucket, p50, p99 and max.");
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
}
