package dev.loomscope.jfr.html;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.loomscope.jfr.analysis.Timeline;

/** The in-flight and latency charts' data, computed from a recording's timeline spans. */
final class ChartPayloads {

    private static final int INFLIGHT_BUCKETS = 1_500;

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

    /** Latency distributions of every request and client call, in buckets spaced evenly on a log scale. */
    static Map<String, Object> latency(Timeline timeline) {
        List<Map<String, Object>> series = new ArrayList<>();
        series.add(series("requests", timeline.requestLatency()));
        series.add(series("client calls", timeline.callLatency()));
        return Map.of("series", series);
    }

    private static Map<String, Object> series(String name, Map<Integer, Long> counts) {
        List<double[]> buckets = new ArrayList<>();
        counts.forEach((bucket, count) -> buckets.add(
                new double[] {Math.pow(10, bucket / (double) Timeline.LATENCY_BUCKETS_PER_DECADE), count}));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("name", name);
        data.put("buckets", buckets);
        return data;
    }
}
