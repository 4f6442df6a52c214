package dev.loomscope.jfr.analysis;

import static dev.loomscope.jfr.analysis.EventAccumulator.instant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import com.carrotsearch.hppc.LongLongHashMap;
import com.carrotsearch.hppc.procedures.LongLongProcedure;

import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.FieldDecoder;
import dev.loomscope.jfr.read.JfrEvent;
import dev.loomscope.jfr.read.JfrFrame;
import dev.loomscope.jfr.read.JfrThread;

/**
 * The spans of one report: requests, client calls and pins, with the carriers, paths and outcomes they name.
 *
 * <p>Spans are kept compactly, one store per kind around a {@link SpanStore}, because peaks need them in time order
 * and JFR files are not in time order.
 */
final class SpanAccumulator {

    private static final int BY_PATH_ENTRIES = 50;

    private final Names carriers = new Names(Integer.MAX_VALUE);
    private final Names paths;
    private final Names outcomes;
    private final Names frames;
    private final RequestSpans requests;
    private final CallSpans calls;
    private final PinSpans pins;
    // Counted per histogram bucket: a call into HdrHistogram per span was 6% of the reading threads' time.
    private final DurationCounts requestLatency = new DurationCounts();
    private final DurationCounts callLatency = new DurationCounts();
    private final Map<String, PinGroupBuilder> pinGroups = new HashMap<>();
    private final RequestFields requestFields = new RequestFields();
    private final CallFields callFields = new CallFields();
    private final PinnedFields pinnedFields = new PinnedFields();
    private int fileRequestsFrom;
    private int fileCallsFrom;
    private int filePinsFrom;
    private long pinnedNanos;
    private long pinnedMaxNanos;

    /**
     * With {@code chunkPart}, the part of one chunk: its dictionaries have no limit until merged. Requests and calls
     * get room for {@code spans} each before their arrays grow.
     */
    SpanAccumulator(boolean chunkPart, int spans) {
        this.paths = new Names(chunkPart ? Integer.MAX_VALUE : 10_000);
        this.outcomes = new Names(chunkPart ? Integer.MAX_VALUE : 100);
        this.frames = new Names(chunkPart ? Integer.MAX_VALUE : 100_000);
        this.requests = new RequestSpans(carriers, paths, spans);
        this.calls = new CallSpans(carriers, outcomes, spans);
        this.pins = new PinSpans(carriers, frames);
    }

    /** Appends the spans of {@code part}, a later chunk's, with its names looked up in these dictionaries. */
    void merge(SpanAccumulator part) {
        int[] carrierIndexes = carriers.indexesOf(part.carriers);
        requests.append(part.requests, carrierIndexes, paths.indexesOf(part.paths));
        calls.append(part.calls, carrierIndexes, outcomes.indexesOf(part.outcomes));
        pins.append(part.pins, carrierIndexes, frames.indexesOf(part.frames));
        requestLatency.add(part.requestLatency);
        callLatency.add(part.callLatency);
        part.pinGroups.forEach((frame, group) -> pinGroups.computeIfAbsent(frame, PinGroupBuilder::new).add(group));
        pinnedNanos += part.pinnedNanos;
        pinnedMaxNanos = Math.max(pinnedMaxNanos, part.pinnedMaxNanos);
    }

    /** Called by a chunk's part when its chunk is read: sorts what the merged whole will sort faster so. */
    void sortForMerge() {
        // Only the requests' peak is reported: the calls' and pins' times stay unsorted.
        requests.spans().sortForMerge(true);
        calls.spans().sortForMerge(false);
        pins.spans().sortForMerge(false);
    }

    /** Called before the events of each file. */
    void beginFile() {
        fileRequestsFrom = requests.spans().size();
        fileCallsFrom = calls.spans().size();
        filePinsFrom = pins.spans().size();
    }

    /** Called after the events of each file: {@code tag} goes into the top bits of its spans' thread ids. */
    void endFile(long tag) {
        if (tag != 0) {
            requests.spans().tagThreads(fileRequestsFrom, tag);
            calls.tagThreads(fileCallsFrom, tag);
            pins.spans().tagThreads(filePinsFrom, tag);
        }
    }

    /** Handlers for the types this part reads, one method each; without {@code spans}, only pins. */
    Map<String, Consumer<JfrEvent>> handlers(boolean spans) {
        return spans ? Map.of(ServerRequestEvent.NAME, this::request, ClientCallEvent.NAME, this::call,
                              JdkEvents.VIRTUAL_THREAD_PINNED, this::pinned)
                : Map.of(JdkEvents.VIRTUAL_THREAD_PINNED, this::pinned);
    }

    /** Decoders for requests and calls of the current layout, which gather what the handlers do. */
    Map<String, FieldDecoder> decoders() {
        return new SpanDecoders(carriers, requests, calls, requestLatency, callLatency).byType();
    }

    /** Makes room for as many requests and calls as {@code part} holds, times {@code scale}. */
    void reserveLike(SpanAccumulator part, double scale) {
        requests.reserve((int) Math.min(Integer.MAX_VALUE - 8, part.requestCount() * scale));
        calls.reserve((int) Math.min(Integer.MAX_VALUE - 8, part.callCount() * scale));
    }

    int requestCount() {
        return requests.spans().size();
    }

    /** The larger of the request and call counts: a fair room for the next chunk's part. */
    int spanCount() {
        return Math.max(requestCount(), callCount());
    }

    int callCount() {
        return calls.spans().size();
    }

    /** The pins' spans, their thread ids tagged per JVM once their file has ended. */
    SpanStore pinSpans() {
        return pins.spans();
    }

    RequestSpans requestSpans() {
        return requests;
    }

    Names paths() {
        return paths;
    }

    int pinCount() {
        return pins.spans().size();
    }

    private void request(JfrEvent event) {
        requestFields.update(event);
        requests.add(event, requestFields);
        requestLatency.record(event.endNanos() - event.startNanos());
    }

    private void call(JfrEvent event) {
        callFields.update(event);
        calls.add(event, callFields);
        callLatency.record(event.endNanos() - event.startNanos());
    }

    private void pinned(JfrEvent event) {
        long start = event.startNanos();
        long end = event.endNanos();
        long nanos = end - start;
        pinnedNanos += nanos;
        pinnedMaxNanos = Math.max(pinnedMaxNanos, nanos);
        PinnedFields f = pinnedFields;
        f.update(event);
        List<JfrFrame> stack = event.getStackTrace(f.stackTrace);
        String topFrame = Frames.topApplicationFrame(stack);
        // carrierThread, blockingOperation and pinnedReason exist from JDK 24; JDK 21 records none of them (-1).
        JfrThread carrierThread = event.getThread(f.carrierThread);
        String carrier = carrierThread == null || carrierThread.javaName() == null ? "" : carrierThread.javaName();
        PinGroupBuilder group = pinGroups.computeIfAbsent(topFrame, PinGroupBuilder::new);
        group.add(nanos, event.getString(f.pinnedReason), event.getString(f.blockingOperation), carrier, stack);
        pins.add(start, end, SpanStore.javaThreadId(event.getThread(f.eventThread)), carrier, topFrame);
    }

    /** Pinning grouped by top application frame, most total time first. */
    Report.Pinning pinning() {
        List<Report.PinGroup> groups = pinGroups.values().stream()
                .map(PinGroupBuilder::build)
                .sorted(Comparator.comparingDouble(Report.PinGroup::totalMillis).reversed()
                                .thenComparing(Report.PinGroup::topFrame))
                .toList();
        return new Report.Pinning(pinCount(), ThreadKeys.distinct(pins.spans().sortedThreadKeys(), false),
                                  LatencyRecorder.millis(pinnedNanos),
                                  LatencyRecorder.millis(pinnedMaxNanos), groups, null);
    }

    /** Which carriers the spans ran on: the carrier section and the verdict's usage, from one count. */
    CarrierUse carrierUse() {
        return new CarrierUse(carriers, requests.spans(), calls.spans(), pins.spans());
    }

    Report.Requests requests(Report.Carriers carrierSection) {
        SpanStore spans = requests.spans();
        long onVirtual = 0;
        // Counted by dictionary index and in a primitive map: a boxed map update per span was a tenth of the time.
        long[] byPathIndex = new long[paths.size()];
        LongLongHashMap byStatusCode = new LongLongHashMap();
        // Statuses come in long runs of one code: counted per run, not a map update per span.
        int runStatus = 0;
        long run = 0;
        for (int i = 0; i < spans.size(); i++) {
            if (spans.virtual(i)) {
                onVirtual++;
            }
            byPathIndex[requests.path(i)]++;
            int status = requests.status(i);
            if (run > 0 && status != runStatus) {
                byStatusCode.addTo(runStatus, run);
                run = 0;
            }
            runStatus = status;
            run++;
        }
        if (run > 0) {
            byStatusCode.addTo(runStatus, run);
        }
        Map<String, Long> byPath = paths.counts(byPathIndex);
        Map<Integer, Long> byStatus = new TreeMap<>();
        byStatusCode.forEach((LongLongProcedure) (status, count) -> byStatus.put((int) status, count));
        long peak = spans.peakOverlap();
        int carrierCount = carrierSection == null ? 0 : carrierSection.count();
        Double ratio = carrierCount == 0 ? null : Math.round(100.0 * peak / carrierCount) / 100.0;
        Map<String, Long> statuses = new LinkedHashMap<>();
        byStatus.forEach((status, count) -> statuses.put(Integer.toString(status), count));
        long threads = ThreadKeys.distinct(spans.sortedThreadKeys(), false);
        return new Report.Requests(spans.size(), onVirtual, threads,
                                   spans.peakOverlapPerThread(), peak, ratio,
                                   Names.mostFirst(byPath, BY_PATH_ENTRIES),
                                   statuses, requestLatency.recorder().toMillis());
    }

    /** Per protocol, connections against handler threads; null when no request names its protocol. */
    ConnectionModels connectionModels() {
        return ConnectionModelCounter.of(requests);
    }

    Report.ClientCalls clientCalls() {
        long onHandler = 0;
        long resumedElsewhere = 0;
        long[] byOutcomeIndex = new long[outcomes.size()];
        int none = carriers.index("");
        SpanStore spans = calls.spans();
        for (int i = 0; i < spans.size(); i++) {
            if (calls.handlerThreadId(i) != 0 && calls.handlerThreadId(i) == spans.threadId(i)) {
                onHandler++;
            }
            if (spans.virtual(i) && spans.startCarrier(i) != none && spans.endCarrier(i) != none
                    && spans.startCarrier(i) != spans.endCarrier(i)) {
                resumedElsewhere++;
            }
            byOutcomeIndex[calls.outcome(i)]++;
        }
        Map<String, Long> byOutcome = outcomes.counts(byOutcomeIndex);
        long count = spans.size();
        return new Report.ClientCalls(count, onHandler, share(onHandler, count), resumedElsewhere,
                                      share(resumedElsewhere, count), Names.mostFirst(byOutcome, Integer.MAX_VALUE),
                                      callLatency.recorder().toMillis());
    }

    Timeline timeline(String source, int cap, long firstNanos, long lastNanos, long fromNanos) {
        List<Timeline.RequestSpan> requestSpans = new ArrayList<>();
        SpanStore r = requests.spans();
        for (int i : r.earliestFrom(fromNanos, cap)) {
            requestSpans.add(new Timeline.RequestSpan(requests.requestId(i), r.threadId(i), r.virtual(i),
                    instant(r.start(i)), instant(r.end(i)), carriers.name(r.startCarrier(i)),
                    carriers.name(r.endCarrier(i)), paths.name(requests.path(i)), requests.status(i)));
        }
        List<Timeline.CallSpan> callSpans = new ArrayList<>();
        SpanStore c = calls.spans();
        for (int i : c.earliestFrom(fromNanos, cap)) {
            callSpans.add(new Timeline.CallSpan(calls.requestId(i), c.threadId(i), calls.handlerThreadId(i),
                    c.virtual(i), instant(c.start(i)), instant(c.end(i)),
                    carriers.name(c.startCarrier(i)), carriers.name(c.endCarrier(i)),
                    outcomes.name(calls.outcome(i))));
        }
        List<Timeline.PinSpan> pinSpans = new ArrayList<>();
        SpanStore p = pins.spans();
        for (int i : p.earliestFrom(fromNanos, cap)) {
            pinSpans.add(new Timeline.PinSpan(p.threadId(i), instant(p.start(i)), instant(p.end(i)),
                                              carriers.name(p.startCarrier(i)), frames.name(pins.frame(i))));
        }
        return new Timeline(source, List.copyOf(requestSpans), List.copyOf(callSpans), List.copyOf(pinSpans),
                            requestCount(), callCount(), pinCount(), cap,
                            RequestOverview.of(requests.spans(), firstNanos, lastNanos, carriers),
                            RequestOverview.latencyBuckets(requests.spans()), RequestOverview.latencyBuckets(calls.spans()));
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
