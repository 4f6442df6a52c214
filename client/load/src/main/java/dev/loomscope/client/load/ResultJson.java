package dev.loomscope.client.load;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The result of a run as one JSON object, for scripts; {@code requestsPerSecond} is at the top level. */
final class ResultJson {

    private ResultJson() {
    }

    static String render(LoadResult result) {
        LoadOptions options = result.options();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("url", options.uri().toString());
        json.put("connections", options.connections());
        json.put("protocol", options.h2c() ? "h2c" : "http/1.1");
        json.put("streams", options.streams());
        json.put("rate", options.rate());
        json.put("warmupSeconds", seconds(options.warmup().toNanos()));
        json.put("elapsedSeconds", seconds(result.elapsed().toNanos()));
        json.put("requests", result.requests());
        json.put("requestsPerSecond", round(result.requestsPerSecond()));
        json.put("latencyMillis", result.requests() == 0 ? null : latency(result));
        Map<String, Long> statuses = new LinkedHashMap<>();
        result.statusCounts().forEach((status, count) -> statuses.put(String.valueOf(status), count));
        json.put("statusCounts", statuses);
        json.put("errors", result.errors());
        json.put("errorCount", result.errorCount());
        json.put("unfinished", result.unfinished());
        json.put("missed", result.missed());
        try {
            return new ObjectMapper().writeValueAsString(json) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the result as JSON", e);
        }
    }

    // Nothing answered has no latency: null, not a 0 ms that reads as a fast server.
    private static Map<String, Object> latency(LoadResult result) {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", millis(result.latencyMicros(50)));
        latency.put("p90", millis(result.latencyMicros(90)));
        latency.put("p99", millis(result.latencyMicros(99)));
        latency.put("p999", millis(result.latencyMicros(99.9)));
        latency.put("max", millis(result.maxLatencyMicros()));
        latency.put("mean", round(result.meanLatencyMicros() / 1000.0));
        return latency;
    }

    private static double millis(long micros) {
        return round(micros / 1000.0);
    }

    private static double seconds(long nanos) {
        return round(nanos / 1e9);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
