package dev.loomscope.jfr.analysis;

import static dev.loomscope.jfr.analysis.EventAccumulator.instant;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
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

    private static final int STACK_FRAMES = 32;
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
                                  LatencyRecorder.millis(pinnedMaxNanos), groups);
    }

    /** Carriers and what ran on each; null when no span names one. */
    Report.Carriers carriers(Integer parallelism) {
        // Counted by carrier index first: a map lookup per span would dominate on millions of spans.
        long[][] counts = new long[carriers.size()][];
        countCarriers(counts, requests, 0);
        countCarriers(counts, calls, 2);
        for (int i = 0; i < pins.size(); i++) {
            use(counts, pins.startCarrier(i));
        }
        Map<String, long[]> uses = new TreeMap<>(NaturalOrder.INSTANCE);
        for (int index = 0; index < counts.length; index++) {
            String name = carriers.name(index);
            if (counts[index] != null && !name.isEmpty()) {
                uses.put(name, counts[index]);
            }
        }
        if (uses.isEmpty()) {
            return null;
        }
        List<Report.CarrierUse> perCarrier = new ArrayList<>();
        uses.forEach((name, n) -> perCarrier.add(new Report.CarrierUse(name, n[0], n[1], n[2], n[3])));
        return new Report.Carriers(uses.size(), parallelism, perCarrier);
    }

    private static long[] use(long[][] counts, int carrier) {
        if (counts[carrier] == null) {
            counts[carrier] = new long[4];
        }
        return counts[carrier];
    }

    private static void countCarriers(long[][] counts, SpanStore spans, int column) {
        for (int i = 0; i < spans.size(); i++) {
            use(counts, spans.startCarrier(i))[column]++;
            use(counts, spans.endCarrier(i))[column + 1]++;
        }
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
                                   requests.peakOverlapPerThread(), peak, ratio, mostFirst(byPath, BY_PATH_ENTRIES),
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
                                      share(resumedElsewhere, count), mostFirst(byOutcome, Integer.MAX_VALUE),
                                      callLatency.toMillis());
    }

    /** Threads and carriers the requests and calls ran on, for the verdict. */
    Verdict.Usage usage() {
        Set<Integer> requestCarriers = carrierIndexes(requests);
        Set<Integer> callCarriers = carrierIndexes(calls);
        Set<Integer> all = new TreeSet<>(requestCarriers);
        all.addAll(callCarriers);
        Set<Integer> shared = new TreeSet<>(requestCarriers);
        shared.retainAll(callCarriers);
        long virtualThreads = SpanStore.distinctThreads(requests.sortedThreadKeys(), calls.sortedThreadKeys(), true);
        return new Verdict.Usage(virtualThreads, all.size(), shared.size(),
                                 requests.size() - requests.onVirtualThreads(),
                                 calls.size() - calls.onVirtualThreads());
    }

    private Set<Integer> carrierIndexes(SpanStore spans) {
        boolean[] seen = new boolean[carriers.size()];
        for (int i = 0; i < spans.size(); i++) {
            seen[spans.startCarrier(i)] = true;
            seen[spans.endCarrier(i)] = true;
        }
        Set<Integer> indexes = new HashSet<>();
        for (int index = 0; index < seen.length; index++) {
            if (seen[index] && !carriers.name(index).isEmpty()) {
                indexes.add(index);
            }
        }
        return indexes;
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

    private static Map<String, Long> mostFirst(Map<String, Long> counts, int limit) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Map<String, Long> result = new LinkedHashMap<>();
        long other = 0;
        for (Map.Entry<String, Long> entry : entries) {
            if (result.size() < limit) {
                result.put(entry.getKey(), entry.getValue());
            } else {
                other += entry.getValue();
            }
        }
        if (other > 0) {
            result.merge(Names.OTHER, other, Long::sum);
        }
        return result;
    }

    private static double share(long part, long whole) {
        return whole == 0 ? 0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    /** Pins of one top frame, as they arrive. */
    private static final class PinGroupBuilder {

        private final String topFrame;
        private final Set<String> reasons = new TreeSet<>();
        private final Set<String> operations = new TreeSet<>();
        private final Set<String> carriers = new TreeSet<>(NaturalOrder.INSTANCE);
        private long count;
        private long totalNanos;
        private long maxNanos = -1;
        private List<String> stackTrace = List.of();

        PinGroupBuilder(String topFrame) {
            this.topFrame = topFrame;
        }

        void add(long nanos, String reason, String operation, String carrier, List<JfrFrame> stack) {
            count++;
            totalNanos += nanos;
            if (nanos > maxNanos) {
                maxNanos = nanos;
                stackTrace = Frames.format(stack, STACK_FRAMES);
            }
            if (reason != null && !reason.isEmpty()) {
                reasons.add(reason);
            }
            if (operation != null && !operation.isEmpty()) {
                operations.add(operation);
            }
            if (!carrier.isEmpty()) {
                carriers.add(carrier);
            }
        }

        /** Adds the pins of {@code later}, gathered after these: a longest pin found first stays. */
        void add(PinGroupBuilder later) {
            count += later.count;
            totalNanos += later.totalNanos;
            if (later.maxNanos > maxNanos) {
                maxNanos = later.maxNanos;
                stackTrace = later.stackTrace;
            }
            reasons.addAll(later.reasons);
            operations.addAll(later.operations);
            carriers.addAll(later.carriers);
        }

        Report.PinGroup build() {
            return new Report.PinGroup(topFrame, count, LatencyRecorder.millis(totalNanos),
                                       LatencyRecorder.millis(Math.max(0, maxNanos)), List.copyOf(reasons),
                                       List.copyOf(operations), List.copyOf(carriers), stackTrace);
        }
    }
}
