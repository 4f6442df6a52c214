package dev.loomscope.client.load;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Counts answers and failures from all connections: latencies in HdrHistogram recorders, statuses, errors by kind.
 *
 * <p>A request counts when it started (or was due to start, in open loop) at or after the end of the warm-up and
 * finished before the end of the run; every request also shows in the per-second progress. A request sent but
 * neither answered nor failed by the end of the run (whenever it was sent, the warm-up included) is unfinished.
 */
final class Tally {

    /** Latencies above an hour are recorded as an hour; a run that long is not a benchmark. */
    static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
    private static final int DIGITS = 3;

    private final long measureStart;
    private final long measureEnd;
    private final boolean ends;
    private final Recorder interval = new Recorder(1, HIGHEST_MICROS, DIGITS);
    private final Recorder measured = new Recorder(1, HIGHEST_MICROS, DIGITS);
    private final LongAdder intervalErrors = new LongAdder();
    private final LongAdder answered = new LongAdder();
    private final LongAdder sent = new LongAdder();
    // Answers and failures that came by the end of the run, of any request; sent minus this is what is in flight.
    private final LongAdder finished = new LongAdder();
    // Indexed by status code (three digits): no boxing and no map lookup per answer.
    private final LongAdder[] statuses = new LongAdder[1000];
    private final Map<ErrorKind, LongAdder> errors = new EnumMap<>(ErrorKind.class);
    private final LongAccumulator lastEnd;
    private Histogram recycled;

    /**
     * @param measureStart {@link System#nanoTime()} when the warm-up ends
     * @param measureEnd   {@link System#nanoTime()} when the run ends, if {@code ends}
     * @param ends         false when a request count, not a time, ends the run
     */
    Tally(long measureStart, long measureEnd, boolean ends) {
        this.measureStart = measureStart;
        this.measureEnd = measureEnd;
        this.ends = ends;
        this.lastEnd = new LongAccumulator(Math::max, measureStart);
        for (ErrorKind kind : ErrorKind.values()) {
            errors.put(kind, new LongAdder());
        }
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = new LongAdder();
        }
    }

    /** A connection starts a request (connecting first if it has to). */
    void sent() {
        sent.increment();
    }

    /** An answer with {@code status} (0 to 999), due at {@code intended} and complete at {@code end} (nanoTime). */
    void answered(long intended, long end, int status) {
        long micros = micros(intended, end);
        interval.recordValue(micros);
        finished(end);
        if (counts(intended, end)) {
            measured.recordValue(micros);
            answered.increment();
            statuses[status].increment();
            lastEnd.accumulate(end);
        }
    }

    /** A request due at {@code intended} that failed at {@code end}. */
    void failed(long intended, long end, ErrorKind kind) {
        intervalErrors.increment();
        finished(end);
        if (counts(intended, end)) {
            errors.get(kind).increment();
            lastEnd.accumulate(end);
        }
    }

    /** Latencies and errors since the previous call; only the progress reporter calls this. */
    Interval takeInterval() {
        Histogram histogram = interval.getIntervalHistogram(recycled);
        recycled = histogram;
        return new Interval(histogram.getTotalCount(),
                            histogram.getValueAtPercentile(50.0),
                            histogram.getValueAtPercentile(99.0),
                            intervalErrors.sumThenReset(),
                            inFlight());
    }

    /**
     * Requests sent and not yet answered or failed; once the run has ended, those that had no outcome by its end
     * (requests cut short when the run stopped, or answered too late to count, stay in).
     */
    long inFlight() {
        // finished is read first: a request finishing between the two reads shows as still in flight, never as -1.
        long done = finished.sum();
        return Math.max(0, sent.sum() - done);
    }

    /** Latencies of all counted answers; call once, after the connections have stopped. */
    Histogram measuredHistogram() {
        return measured.getIntervalHistogram();
    }

    long answeredCount() {
        return answered.sum();
    }

    /** nanoTime of the last counted answer or failure, or the start of measuring when there was none. */
    long lastEnd() {
        return lastEnd.get();
    }

    Map<Integer, Long> statusCounts() {
        Map<Integer, Long> counts = new TreeMap<>();
        for (int status = 0; status < statuses.length; status++) {
            long n = statuses[status].sum();
            if (n > 0) {
                counts.put(status, n);
            }
        }
        return counts;
    }

    Map<String, Long> errorCounts() {
        Map<String, Long> counts = new TreeMap<>();
        errors.forEach((kind, count) -> {
            long n = count.sum();
            if (n > 0) {
                counts.put(kind.key(), n);
            }
        });
        return counts;
    }

    private void finished(long end) {
        if (!ends || measureEnd - end >= 0) {
            finished.increment();
        }
    }

    private boolean counts(long intended, long end) {
        return intended - measureStart >= 0 && (!ends || measureEnd - end >= 0);
    }

    private static long micros(long intended, long end) {
        return Math.min(Math.max(0, (end - intended) / 1_000), HIGHEST_MICROS);
    }

    /**
     * What one progress interval saw.
     *
     * @param answers    answers of any status
     * @param p50Micros  median latency
     * @param p99Micros  99th percentile latency
     * @param errors     failed requests
     * @param inFlight   requests sent and not yet answered or failed at the end of the interval
     */
    record Interval(long answers, long p50Micros, long p99Micros, long errors, long inFlight) {
    }
}
