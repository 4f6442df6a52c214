package dev.loomscope.jfr.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What one or more recordings say about carriers, virtual threads, requests, client calls and pinning.
 *
 * <p>A tree of records that the JSON renderer writes as it stands (see docs/CONTRACTS.md). Sections that need
 * events the recording lacks are {@code null} and named in {@link #missing()}.
 *
 * @param sources        the files this report covers
 * @param recording      facts about the recording itself
 * @param carriers       carrier threads seen, or null when no event names a carrier
 * @param virtualThreads virtual thread lifecycle, or null when jdk.VirtualThreadStart/End were not recorded
 * @param requests       loomscope.ServerRequest spans, or null without them
 * @param clientCalls    loomscope.ClientCall spans, or null without them
 * @param pinning        jdk.VirtualThreadPinned, grouped by top application frame, or null when not recorded
 * @param submitFailures jdk.VirtualThreadSubmitFailed, or null when not recorded
 * @param connections    per protocol, requests against connections and threads, or null without protocol fields
 * @param slices         the loomscope recorder's slices and wake-ups, or null without slices; left out of JSON
 *                       then, so that a recording without the recorder reads exactly as before it existed
 * @param recorder       what the loomscope recorder said of itself (loomscope.RecorderStatus), or null (and left
 *                       out of JSON) when the recording has no status event
 * @param missing        names of the sections that are null, in report order
 * @param verdict        plain words: did the server and its client calls share carriers, and how
 */
public record Report(List<String> sources, RecordingFacts recording, Carriers carriers, VirtualThreads virtualThreads,
                     Requests requests, ClientCalls clientCalls, Pinning pinning, SubmitFailures submitFailures,
                     ConnectionModels connections,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Slices slices,
                     @JsonInclude(JsonInclude.Include.NON_NULL) Recorder recorder,
                     List<String> missing, String verdict) {

    /** Section names as they appear in {@link #missing()} and in JSON (see {@link Section}). */
    public static final String CARRIERS = Section.CARRIERS.key();
    public static final String VIRTUAL_THREADS = Section.VIRTUAL_THREADS.key();
    public static final String REQUESTS = Section.REQUESTS.key();
    public static final String CLIENT_CALLS = Section.CLIENT_CALLS.key();
    public static final String PINNING = Section.PINNING.key();
    public static final String SUBMIT_FAILURES = Section.SUBMIT_FAILURES.key();
    public static final String CONNECTIONS = Section.CONNECTIONS.key();
    public static final String SLICES = Section.SLICES.key();

    /**
     * Facts about the recording.
     *
     * @param jdk             java.runtime.version of the recorded JVM, null when the recording does not say
     * @param start           time of the earliest event
     * @param end             time the latest event ended
     * @param durationMillis  end minus start
     * @param loomscopeEvents whether any loomscope.* event is in the recording
     * @param unfinishedChunks chunks that were still being written when the file was copied (read up to their
     *                         last flush)
     * @param undeclaredTypes events skipped because the metadata does not declare their type, by type id
     * @param reader          which reader read the events: {@link #OWN_READER} or {@link #JDK_READER}
     * @param readerNote      why the JDK's reader was used (loomscope's reader refused the file, or it was asked
     *                        for), null when loomscope's own reader read every file
     */
    public record RecordingFacts(String jdk, Instant start, Instant end, double durationMillis,
                                 boolean loomscopeEvents, int unfinishedChunks, Map<Long, Long> undeclaredTypes,
                                 String reader, String readerNote) {

        /** Loomscope's own reader ({@code dev.loomscope.jfr.read.RecordingReader}). */
        public static final String OWN_READER = "loomscope";
        /** The JDK's reader, {@code jdk.jfr.consumer.RecordingFile}. */
        public static final String JDK_READER = "jdk.jfr.consumer.RecordingFile";
    }

    /**
     * Carrier threads: distinct carrier names in loomscope events and in jdk.VirtualThreadPinned.carrierThread.
     *
     * @param count       number of distinct carriers
     * @param parallelism virtual thread scheduler parallelism the recording shows, null when unknown
     * @param perCarrier  what each carrier ran, in name order
     */
    public record Carriers(int count, Integer parallelism, List<CarrierUse> perCarrier) {
    }

    /**
     * What one carrier ran.
     *
     * @param name          carrier thread name, e.g. ForkJoinPool-1-worker-1
     * @param requestStarts requests whose handler started on it
     * @param requestEnds   requests whose handler ended on it
     * @param callStarts    client calls that started on it
     * @param callResumes   client calls whose thread resumed on it after the call
     */
    public record CarrierUse(String name, long requestStarts, long requestEnds, long callStarts, long callResumes) {
    }

    /**
     * Virtual thread lifecycle from jdk.VirtualThreadStart and jdk.VirtualThreadEnd.
     *
     * <p>A figure is null when an event it needs was not recorded (jdk.VirtualThreadEnd is often off alone): with
     * only starts, no thread can be said to be alive or ended.
     *
     * @param started             start events, null when jdk.VirtualThreadStart was not recorded
     * @param ended               end events, null when jdk.VirtualThreadEnd was not recorded
     * @param aliveAtEnd          threads started in the recording and not ended in it; null without both
     * @param peakAlive           most threads alive at once, walking starts and ends in time order; null without both
     * @param loomscopeStarted    started threads named loomscope-..., null without starts
     * @param loomscopeAliveAtEnd of those, alive at the end; null without both
     */
    public record VirtualThreads(Long started, Long ended, Long aliveAtEnd, Long peakAlive, Long loomscopeStarted,
                                 Long loomscopeAliveAtEnd) {
    }

    /**
     * Server requests (loomscope.ServerRequest).
     *
     * @param count                       requests
     * @param onVirtualThreads            of those, handled on a virtual thread
     * @param handlerThreads              distinct threads that handled requests
     * @param maxInFlightPerHandlerThread most requests in flight at once on one handler thread
     * @param peakInFlight                most requests in flight at once
     * @param multiplexingRatio           peakInFlight per carrier, null without carriers
     * @param byPath                      requests by path, most frequent first
     * @param byStatus                    requests by HTTP status
     * @param latencyMillis               handler time percentiles
     */
    public record Requests(long count, long onVirtualThreads, long handlerThreads, long maxInFlightPerHandlerThread,
                           long peakInFlight, Double multiplexingRatio, Map<String, Long> byPath,
                           Map<String, Long> byStatus, Latency latencyMillis) {
    }

    /**
     * Client calls (loomscope.ClientCall).
     *
     * @param count                      calls
     * @param onHandlerThread            calls made on the thread of the request handler they were made for
     * @param onHandlerThreadShare       that share, 0..1
     * @param resumedOnOtherCarrier      calls whose virtual thread resumed on another carrier than it started on
     * @param resumedOnOtherCarrierShare that share of all calls, 0..1
     * @param byOutcome                  calls by outcome (ok, http-error, refused, timeout, error)
     * @param latencyMillis              call time percentiles
     */
    public record ClientCalls(long count, long onHandlerThread, double onHandlerThreadShare,
                              long resumedOnOtherCarrier, double resumedOnOtherCarrierShare,
                              Map<String, Long> byOutcome, Latency latencyMillis) {
    }

    /**
     * Latency percentiles in milliseconds (HdrHistogram, 3 significant digits; max is exact).
     */
    public record Latency(double p50, double p90, double p99, double p999, double max) {
    }

    /**
     * Pinned virtual threads (jdk.VirtualThreadPinned).
     *
     * @param count       pin events
     * @param threads     distinct threads those pins were on
     * @param totalMillis time pinned, summed
     * @param maxMillis   longest pin
     * @param groups      pins grouped by top application frame, longest total first
     * @param threshold   the recording's jdk.VirtualThreadPinned threshold as it gives it ("20 ms"), null when 0 or
     *                    unknown: shorter pins were not recorded
     */
    public record Pinning(long count, long threads, double totalMillis, double maxMillis, List<PinGroup> groups,
                          String threshold) {

        /** The same pins, with the threshold they were recorded at. */
        public Pinning withThreshold(String threshold) {
            return new Pinning(count, threads, totalMillis, maxMillis, groups, threshold);
        }
    }

    /**
     * Pins that share a top application frame.
     *
     * @param topFrame           first frame not in java.*, jdk.*, sun.* (else the top frame), as pkg.Class.method(line)
     * @param count              pins
     * @param totalMillis        time pinned, summed
     * @param maxMillis          longest pin
     * @param reasons            pinnedReason values (JDK 24+), empty on JDK 21
     * @param blockingOperations blockingOperation values (JDK 24+)
     * @param carriers           carrierThread names (JDK 24+)
     * @param stackTrace         stack of the longest pin, top first, at most 32 frames
     */
    public record PinGroup(String topFrame, long count, double totalMillis, double maxMillis, List<String> reasons,
                           List<String> blockingOperations, List<String> carriers, List<String> stackTrace) {
    }

    /**
     * Virtual threads the scheduler could not run (jdk.VirtualThreadSubmitFailed).
     *
     * @param count events
     */
    public record SubmitFailures(long count) {
    }

    /**
     * The loomscope recorder's own status (loomscope.RecorderStatus, once per chunk); off in any chunk wins.
     *
     * @param state       on or off
     * @param reason      why it is off, or what it instruments when on
     * @param javaVersion the runtime the agent inspected
     */
    public record Recorder(String state, String reason, String javaVersion) {

        /** Whether the recorder said it was off. */
        public boolean off() {
            return "off".equals(state);
        }
    }
}
