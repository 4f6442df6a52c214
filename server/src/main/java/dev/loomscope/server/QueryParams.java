package dev.loomscope.server;

import java.util.List;

import io.helidon.webserver.http.ServerRequest;

/** Reads bounded integer query parameters, rejecting anything else with a {@link BadParameterException}. */
final class QueryParams {

    /** Upstream delay: up to 30 s. */
    static final Range DELAY_MS = new Range("delayMs", 0, 30_000, 0);
    /** Upstream body size: up to 1 MiB. */
    static final Range BYTES = new Range("bytes", 0, 1 << 20, 64);
    /** Parallel calls of {@code /fanout}. */
    static final Range CALLS = new Range("calls", 1, 1000, 10);

    private QueryParams() {
    }

    /** The value of {@code range.name()} in {@code request}, or its default when absent. */
    static int get(ServerRequest request, Range range) {
        // all(), not first(): first() looks up Helidon's global mapper in the service registry on every call, a
        // measurable share of a hop's CPU (docs/benchmarks.md); the values are the same.
        List<String> values = request.query().all(range.name(), List::of);
        if (values.isEmpty()) {
            return range.defaultValue();
        }
        String text = values.getFirst();
        String value = text.strip();
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= range.min() && parsed <= range.max()) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // falls through to the same answer as an out-of-range number
        }
        throw new BadParameterException(range.name(), text, range.describe());
    }

    /**
     * An inclusive integer range with a default.
     *
     * @param name         query parameter name
     * @param min          smallest allowed value
     * @param max          largest allowed value
     * @param defaultValue value when the parameter is absent
     */
    record Range(String name, int min, int max, int defaultValue) {

        String describe() {
            return "an integer from " + min + " to " + max;
        }
    }
}
