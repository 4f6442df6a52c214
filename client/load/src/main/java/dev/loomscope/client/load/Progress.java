package dev.loomscope.client.load;

/**
 * One second (or so) of a running load, for a progress line.
 *
 * @param second            seconds since the run started, counting the warm-up
 * @param warmup            whether the interval was (at least partly) in the warm-up
 * @param requestsPerSecond answers per second in the interval, any status
 * @param p50Micros         median latency in the interval
 * @param p99Micros         99th percentile latency in the interval
 * @param errors            failed requests in the interval
 * @param inFlight          requests sent and not yet answered or failed at the end of the interval
 * @param behind            in open loop, measured requests due by the end of the interval that no connection has
 *                          sent yet (every one was busy); those still behind when the run ends are missed
 */
public record Progress(long second, boolean warmup, double requestsPerSecond, long p50Micros, long p99Micros,
                       long errors, long inFlight, long behind) {
}
