package dev.loomscope.client.load;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * What a load run measured after its warm-up: answers, their statuses and latencies, and failures by kind.
 *
 * <p>Latencies are from sending a request (in open loop: from the time it was due) to having read its whole answer.
 */
public final class LoadResult {

    private final LoadOptions options;
    private final long requests;
    private final Duration elapsed;
    private final Map<Integer, Long> statusCounts;
    private final Map<String, Long> errors;
    private final long unfinished;
    private final long missed;
    private final Histogram latencies;

    LoadResult(LoadOptions options, long requests, Duration elapsed, Map<Integer, Long> statusCounts,
               Map<String, Long> errors, long unfinished, long missed, Histogram latencies) {
        this.options = options;
        this.requests = requests;
        this.elapsed = elapsed;
        this.statusCounts = Collections.unmodifiableMap(statusCounts);
        this.errors = Collections.unmodifiableMap(errors);
        this.unfinished = unfinished;
        this.missed = missed;
        this.latencies = latencies;
    }

    /** The options of the run. */
    public LoadOptions options() {
        return options;
    }

    /** Answered requests counted after the warm-up, whatever their status; failures are in {@link #errors()}. */
    public long requests() {
        return requests;
    }

    /** Measured time: the duration, or for a request count from the end of the warm-up to the last answer. */
    public Duration elapsed() {
        return elapsed;
    }

    /** Answered requests per second of {@link #elapsed()}. */
    public double requestsPerSecond() {
        long nanos = elapsed.toNanos();
        return nanos == 0 ? 0 : requests * 1e9 / nanos;
    }

    /** Answered requests by HTTP status code, in code order. */
    public Map<Integer, Long> statusCounts() {
        return statusCounts;
    }

    /** Failed requests by kind ({@code refused}, {@code timeout}, {@code closed}, {@code error}); no zero entries. */
    public Map<String, Long> errors() {
        return errors;
    }

    /** All failed requests. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Requests sent that had neither an answer nor a failure when the run ended, whenever they were sent (the
     * warm-up included): an overloaded or hung server shows here, not in {@link #requests()} or {@link #errors()}.
     * Always 0 for a run of a request count that was not interrupted.
     */
    public long unfinished() {
        return unfinished;
    }

    /**
     * In open loop, measured requests that were due before the run ended but never sent, because every connection
     * was still busy with an earlier one: the load the server was owed and did not get. Always 0 in a closed loop.
     */
    public long missed() {
        return missed;
    }

    /** Latency at {@code percentile} (0 to 100) in microseconds, 0 when nothing was answered. */
    public long latencyMicros(double percentile) {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getValueAtPercentile(percentile);
    }

    /** Highest latency in microseconds. */
    public long maxLatencyMicros() {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getMaxValue();
    }

    /** Mean latency in microseconds. */
    public double meanLatencyMicros() {
        return latencies.getTotalCount() == 0 ? 0 : latencies.getMean();
    }

    @Override
    public String toString() {
        return "LoadResult[requests=" + requests + ", elapsed=" + elapsed + ", statusCounts=" + statusCounts
                + ", errors=" + errors + ", unfinished=" + unfinished + ", missed=" + missed + ", p50=" + latencyMicros(50) + "us, p99="
                + latencyMicros(99) + "us]";
    }
}
