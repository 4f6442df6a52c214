package dev.loomscope.jfr.analysis;

import java.time.Instant;
import java.util.List;

/**
 * Spans of one recording for drawing a timeline (requests, client calls and pins per thread and carrier).
 *
 * <p>Huge recordings would make a timeline no one can read and a heap no one wants, so each list keeps at most
 * {@link #cap()} spans: the earliest ones by start time, a contiguous window from the start of the recording.
 * {@link #truncated()} says whether any list was cut; the totals say how many spans there were.
 *
 * @param source        the file
 * @param requests      request spans, by start time
 * @param calls         client call spans, by start time
 * @param pins          pin spans, by start time
 * @param requestsTotal request spans in the recording
 * @param callsTotal    client call spans in the recording
 * @param pinsTotal     pin spans in the recording
 * @param cap           most spans kept per list
 * @param overview      every request of the recording, folded into time buckets
 * @param requestLatency every request's latency in log buckets: bucket b holds latencies up to 10^(b/10) ms
 * @param callLatency   every client call's latency, in the same buckets
 */
public record Timeline(String source, List<RequestSpan> requests, List<CallSpan> calls, List<PinSpan> pins,
                       long requestsTotal, long callsTotal, long pinsTotal, int cap, Overview overview,
                       java.util.SortedMap<Integer, Long> requestLatency, java.util.SortedMap<Integer, Long> callLatency) {

    /** Log buckets per decade of milliseconds in {@link #requestLatency} and {@link #callLatency}. */
    public static final int LATENCY_BUCKETS_PER_DECADE = 10;

    /**
     * Every request, not only the spans kept, in equal time buckets from the recording's first event.
     *
     * @param bucketMillis      width of a bucket
     * @param buckets           the buckets in time order; empty when there is no request
     * @param carriers          carrier names, as {@code startedPerCarrier} is indexed ("" for platform threads)
     * @param startedPerCarrier requests started on each carrier, per bucket
     */
    public record Overview(double bucketMillis, List<Bucket> buckets, List<String> carriers,
                           List<List<Long>> startedPerCarrier) {
    }

    /**
     * One time bucket of requests.
     *
     * @param startMillis  where it starts, from the recording's first event
     * @param started      requests that started in it
     * @param peakInFlight most requests in flight at one instant in it
     * @param p50Millis    median latency of the requests that started in it (0 when none)
     * @param p99Millis    99th percentile, nearest rank
     * @param maxMillis    longest
     */
    public record Bucket(double startMillis, long started, long peakInFlight, double p50Millis, double p99Millis,
                         double maxMillis) {
    }

    /** Default most spans kept per list. */
    public static final int DEFAULT_CAP = 100_000;

    /** Whether any list holds fewer spans than the recording had. */
    public boolean truncated() {
        return requests.size() < requestsTotal || calls.size() < callsTotal || pins.size() < pinsTotal;
    }

    /**
     * One server request (loomscope.ServerRequest).
     *
     * @param requestId    loomscope request id
     * @param threadId     Java thread id of the handler
     * @param virtual      whether the handler ran on a virtual thread
     * @param start        when the handler started
     * @param end          when it ended
     * @param startCarrier carrier at the start, "" for platform threads
     * @param endCarrier   carrier at the end
     * @param path         request path
     * @param status       HTTP status
     */
    public record RequestSpan(long requestId, long threadId, boolean virtual, Instant start, Instant end,
                              String startCarrier, String endCarrier, String path, int status) {
    }

    /**
     * One client call (loomscope.ClientCall).
     *
     * @param requestId       loomscope request id it was made for, 0 for none
     * @param threadId        Java thread id of the thread that made it
     * @param handlerThreadId Java thread id of the handler it was made for, 0 for none
     * @param virtual         whether it ran on a virtual thread
     * @param start           when it started
     * @param end             when it ended
     * @param startCarrier    carrier before the call
     * @param endCarrier      carrier after the call
     * @param outcome         ok, http-error, refused, timeout or error
     */
    public record CallSpan(long requestId, long threadId, long handlerThreadId, boolean virtual, Instant start,
                           Instant end, String startCarrier, String endCarrier, String outcome) {
    }

    /**
     * One pin (jdk.VirtualThreadPinned).
     *
     * @param threadId Java thread id of the pinned virtual thread
     * @param start    when it was pinned
     * @param end      when it was released
     * @param carrier  the carrier it pinned, "" when the JDK does not record it (JDK 21)
     * @param topFrame top application frame
     */
    public record PinSpan(long threadId, Instant start, Instant end, String carrier, String topFrame) {
    }
}
