package dev.loomscope.client.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The final table of a run, for people. */
final class ResultTable {

    private static final double[] PERCENTILES = {50, 90, 99, 99.9};

    private ResultTable() {
    }

    static String render(LoadResult result) {
        LoadOptions options = result.options();
        List<String[]> rows = new ArrayList<>();
        rows.add(row("target", options.uri().toString()));
        rows.add(row("connections", options.connections()
                + (options.h2c() ? " h2c x " + options.streams() + " streams" : "")
                + (options.openLoop() ? " (open loop at " + Formats.rate(options.rate()) + " req/s)" : " (closed loop)")));
        rows.add(row("measured", Formats.duration(result.elapsed())
                + (options.warmup().isZero() ? "" : " after " + Formats.duration(options.warmup()) + " warm-up")));
        rows.add(row("requests", result.requests() + " answered, " + result.errorCount() + " failed, "
                + result.unfinished() + " unfinished"
                + (result.unfinished() > 0 ? " (no answer by the end of the run)" : "")));
        if (options.openLoop()) {
            rows.add(row("missed", result.missed() + (result.missed() > 0
                    ? " (due but never sent: every connection was busy)" : "")));
        }
        rows.add(row("throughput", Formats.rate(result.requestsPerSecond()) + " req/s"));
        if (result.requests() == 0) {
            rows.add(row("latency", "none answered"));
        } else {
            for (double percentile : PERCENTILES) {
                rows.add(row("latency p" + label(percentile), Formats.millis(result.latencyMicros(percentile))));
            }
            rows.add(row("latency max", Formats.millis(result.maxLatencyMicros())));
        }
        for (Map.Entry<Integer, Long> status : result.statusCounts().entrySet()) {
            rows.add(row("status " + status.getKey(), String.valueOf(status.getValue())));
        }
        if (result.errors().isEmpty()) {
            rows.add(row("errors", "none"));
        }
        for (Map.Entry<String, Long> error : result.errors().entrySet()) {
            rows.add(row("errors " + error.getKey(), String.valueOf(error.getValue())));
        }
        int width = rows.stream().mapToInt(r -> r[0].length()).max().orElse(0);
        StringBuilder table = new StringBuilder();
        for (String[] r : rows) {
            table.append(String.format(Locale.ROOT, "  %-" + width + "s   %s%n", r[0], r[1]));
        }
        return table.toString();
    }

    private static String label(double percentile) {
        return percentile == Math.rint(percentile) ? String.valueOf((long) percentile) : String.valueOf(percentile);
    }

    private static String[] row(String name, String value) {
        return new String[] {name, value};
    }
}
