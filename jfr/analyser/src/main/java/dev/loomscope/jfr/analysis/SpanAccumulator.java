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
import dev.loomscope.jfr.read.JfrEvent;
import dev.loomscope.jfr.read.JfrFrame;
import dev.loomscope.jfr.read.JfrThread;

/**
 * The spans of one report: requests, client calls and pins, with the carriers, paths and outcomes they name.
 *
 * <p>Spans are kept compactly in {@link SpanStore}s because peaks need them in time order and JFR files are not in
 * time order.
 */
final class SpanAccumulator {

    private static final int BY_PATH_ENTRIES = 50;

    private final Names carriers = new Names(Integer.MAX_VALUE);
    private final Names paths;
    private final Names outcomes;
    private final Names frames;
    private final SpanStore requests;
    private final SpanStore calls;
    private final SpanStore pins = new SpanStore();
    private final LatencyRecorder requestLatency = new LatencyRecorder();
    private final LatencyRecorder callLatency = new LatencyRecorder();
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
        this.requests = new SpanStore(spans);
        this.calls = new SpanStore(spans);
        this.paths = new Names(chunkPart ? Integer.MAX_VALUE : 10_000);
        this.outcomes = new Names(chunkPart ? Integer.MAX_VALUE : 100);
        this.frames = new Names(chunkPart ? Integer.MAX_VALUE : 100_000);
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
        requests.sortForMerge();
        calls.sortForMerge();
        pins.sortForMerge();
    }

    /** Called before the events of each file. */
    void beginFile() {
        fileRequestsFrom = requests.size();
        fileCallsFrom = calls.size();
        filePinsFrom = pins.size();
    }

    /** Called after the events of each file: {@code tag} goes into the top bits of its spans' thread ids. */
    void endFile(long tag) {
        if (tag != 0) {
            requests.tagThreads(fileRequestsFrom, tag);
            calls.tagThreads(fileCallsFrom, tag);
            pins.tagThreads(filePinsFrom, tag);
        }
    }

    /** Handlers for the types this part reads, one method each; without {@code spans}, only pins. */
    Map<String, Consumer<JfrEvent>> handlers(boolean spans) {
        return spans ? Map.of(ServerRequestEvent.NAME, this::request, ClientCallEvent.NAME, this::call,
                              JdkEvents.VIRTUAL_THREAD_PINNED, this::pinned)
                : Map.of(JdkEvents.VIRTUAL_THREAD_PINNED, this::pinned);
    }

    int requestCount() {
        return requests.size();
    }

    /** The larger of the request and call counts: a fair room for the next chunk's part. */
    int spanCount() {
        return Math.max(requests.size(), calls.size());
    }

    int callCount() {
        return calls.size();
    }

    int pinCount() {
        return pins.size();
    }

    private void request(JfrEvent event) {
        long start = event.startNanos();
        long end = event.endNanos();
        RequestFields f = requestFields;
        f.update(event);
        requests.add(start, end, threadId(event, f.threadId, f.eventThread), 0, event.getLong(f.requestId),
                     carriers.index(text(event.getString(f.startCarrier))),
                     carriers.index(text(event.getString(f.endCarrier))),
                     paths.index(text(event.getString(f.path))), (int) event.getLong(f.status),
                     event.getBoolean(f.virtual));
        requestLatency.record(end - start);
    }

    private void call(JfrEvent event) {
        long start = event.startNanos();
        long end = event.endNanos();
        CallFields f = callFields;
        f.update(event);
        calls.add(start, end, threadId(event, f.threadId, f.eventThread), event.getLong(f.handlerThreadId),
                  event.getLong(f.requestId), carriers.index(text(event.getString(f.startCarrier))),
                  carriers.index(text(event.getString(f.endCarrier))), outcomes.index(text(event.getString(f.outcome))),
                  (int) event.getLong(f.status), event.getBoolean(f.virtual));
        callLatency.record(end - start);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    /** The Java thread id of the thread that did the work: the event's threadId field, else its event thread. */
    private static long threadId(JfrEvent event, int threadIdField, int eventThreadField) {
        long id = event.getLong(threadIdField);
        if (id != 0) {
            return id;
        }
        return javaThreadId(event.getThread(eventThreadField));
    }

    // As RecordedThread.getJavaThreadId reads it, and 0 without a thread.
    private static long javaThreadId(JfrThread thread) {
        return thread == null ? 0 : thread.javaThreadId();
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
        pins.add(start, end, javaThreadId(event.getThread(f.eventThread)), 0, 0,
                 carriers.index(carrier), carriers.index(carrier), frames.index(topFrame), 0, true);
    }

    /** Pinning grouped by top application frame, most total time first. */
    Report.Pinning pinning() {
        List<Report.PinGroup> groups = pinGroups.values().stream()
                .map(PinGroupBuilder::build)
                .sorted(Comparator.comparingDouble(Report.PinGroup::totalMillis).reversed()
                                .thenComparing(Report.PinGroup::topFrame))
                .toList();
        return new Report.Pinning(pins.size(), LatencyRecorder.millis(pinnedNanos),
                                  LatencyRecorder.millis(pinnedMaxNanos), groups, null);
    }

    /** Carriers and what ran on each; null when no span names one. */
    Report.Carriers carriers(Integer parallelism) {
        return carrierUse().carriers(parallelism);
    }

    /** Threads and carriers the requests and calls ran on, for the verdict. */
    Verdict.Usage usage() {
        return carrierUse().usage();
    }

    private CarrierUse carrierUse() {
        return new CarrierUse(carriers, requests, calls, pins);
    }

    Report.Requests requests(Report.Carriers carrierSection) {
        long onVirtual = 0;
        // Counted by dictionary index and in a primitive map: a boxed map update per span was a tenth of the time.
        long[] byPathIndex = new long[paths.size()];
        LongLongHashMap byStatusCode = new LongLongHashMap();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.virtual(i)) {
                onVirtual++;
            }
            byPathIndex[requests.label(i)]++;
            byStatusCode.addTo(requests.status(i), 1);
        }
        Map<String, Long> byPath = paths.counts(byPathIndex);
        Map<Integer, Long> byStatus = new TreeMap<>();
        byStatusCode.forEach((LongLongProcedure) (status, count) -> byStatus.put((int) status, count));
        long peak = requests.peakOverlap();
        int carrierCount = carrierSection == null ? 0 : carrierSection.count();
        Double ratio = carrierCount == 0 ? null : Math.round(100.0 * peak / carrierCount) / 100.0;
        Map<String, Long> statuses = new LinkedHashMap<>();
        byStatus.forEach((status, count) -> statuses.put(Integer.toString(status), count));
        long threads = SpanStore.distinctThreads(requests.sortedThreadKeys(), false);
        return new Report.Requests(requests.size(), onVirtual, threads,
                                   requests.peakOverlapPerThread(), peak, ratio,
                                   Names.mostFirst(byPath, BY_PATH_ENTRIES),
                                   statuses, requestLatency.toMillis());
    }

    Report.ClientCalls clientCalls() {
        long onHandler = 0;
        long resumedElsewhere = 0;
        long[] byOutcomeIndex = new long[outcomes.size()];
        int none = carriers.index("");
        for (int i = 0; i < calls.size(); i++) {
            if (calls.otherThreadId(i) != 0 && calls.otherThreadId(i) == calls.threadId(i)) {
                onHandler++;
            }
            if (calls.virtual(i) && calls.startCarrier(i) != none && calls.endCarrier(i) != none
                    && calls.startCarrier(i) != calls.endCarrier(i)) {
                resumedElsewhere++;
            }
            byOutcomeIndex[calls.label(i)]++;
        }
        Map<String, Long> byOutcome = outcomes.counts(byOutcomeIndex);
        long count = calls.size();
        return new Report.ClientCalls(count, onHandler, share(onHandler, count), resumedElsewhere,
                                      share(resumedElsewhere, count), Names.mostFirst(byOutcome, Integer.MAX_VALUE),
                                      callLatency.toMillis());
    }

    Timeline timeline(String source, int cap) {
        List<Timeline.RequestSpan> requestSpans = new ArrayList<>();
        for (int i : requests.earliest(cap)) {
            requestSpans.add(new Timeline.RequestSpan(requests.requestId(i), requests.threadId(i), requests.virtual(i),
                    instant(requests.start(i)), instant(requests.end(i)), carriers.name(requests.startCarrier(i)),
                    carriers.name(requests.endCarrier(i)), paths.name(requests.label(i)), requests.status(i)));
        }
        List<Timeline.CallSpan> callSpans = new ArrayList<>();
        for (int i : calls.earliest(cap)) {
            callSpans.add(new Timeline.CallSpan(calls.requestId(i), calls.threadId(i), calls.otherThreadId(i),
                    calls.virtual(i), instant(calls.start(i)), instant(calls.end(i)),
                    carriers.name(calls.startCarrier(i)), carriers.name(calls.endCarrier(i)),
                    outcomes.name(calls.label(i))));
        }
        List<Timeline.PinSpan> pinSpans = new ArrayList<>();
        for (int i : pins.earliest(cap)) {
            pinSpans.add(new Timeline.PinSpan(pins.threadId(i), instant(pins.start(i)), instant(pins.end(i)),
                                              carriers.name(pins.startCarrier(i)), frames.name(pins.label(i))));
        }
        return new Timeline(source, List.copyOf(requestSpans), List.copyOf(callSpans), List.copyOf(pinSpans),
                            requests.size(), calls.size(), pins.size(), cap);
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }
}
