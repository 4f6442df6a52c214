package dev.loomscope.jfr.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * Everything one report needs, gathered in a single pass over the events of one or more files.
 *
 * <p>Counts are kept as counters; spans (requests, calls, pins) compactly in {@link SpanStore}s because peaks need
 * them in time order and JFR files are not in time order.
 */
final class EventAccumulator {

    static final String SERVER_REQUEST = "loomscope.ServerRequest";
    static final String CLIENT_CALL = "loomscope.ClientCall";
    static final String VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";
    static final String VIRTUAL_THREAD_END = "jdk.VirtualThreadEnd";
    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";
    static final String VIRTUAL_THREAD_SUBMIT_FAILED = "jdk.VirtualThreadSubmitFailed";
    private static final String LOOMSCOPE_THREAD_PREFIX = "loomscope-";
    private static final int STACK_FRAMES = 32;
    private static final int BY_PATH_ENTRIES = 50;

    private final Names carriers = new Names(Integer.MAX_VALUE);
    private final Names paths = new Names(10_000);
    private final Names outcomes = new Names(100);
    private final Names frames = new Names(100_000);
    private final SpanStore requests = new SpanStore();
    private final SpanStore calls = new SpanStore();
    private final SpanStore pins = new SpanStore();
    private final LatencyRecorder requestLatency = new LatencyRecorder();
    private final LatencyRecorder callLatency = new LatencyRecorder();
    private final Map<String, PinGroupBuilder> pinGroups = new HashMap<>();
    private final PeakCounter alive = new PeakCounter();
    // Thread ids are only unique within one JVM: ids seen in this file, merged per JVM when the file ends.
    private Set<Long> aliveThreads = new HashSet<>();
    private Set<Long> aliveLoomscopeThreads = new HashSet<>();
    private Set<Long> endedBeforeSeenStarting = new HashSet<>();
    private final Map<String, JvmThreads> threadsByJvm = new HashMap<>();
    private final List<String> jvms = new ArrayList<>();
    private final Set<String> enabledTypes = new HashSet<>();
    private final Map<EventType, Map<String, Boolean>> fieldsByType = new IdentityHashMap<>();
    private Map<Long, String> typeNamesById = Map.of();
    private String jvm;
    private int fileRequestsFrom;
    private int fileCallsFrom;
    private int filePinsFrom;

    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private boolean loomscopeEvents;
    private String runtimeVersion;
    private String vmVersion;
    private Integer schedulerParallelism;
    private Integer containerCpus;
    private Integer hardwareThreads;
    private long virtualStarted;
    private long virtualEnded;
    private long loomscopeStarted;
    private long pinnedNanos;
    private long pinnedMaxNanos;
    private long submitFailures;

    /** Called before the events of each file: jdk.ActiveSetting names event types by their id in that file. */
    void beginFile(List<EventType> types) {
        Map<Long, String> names = new HashMap<>();
        for (EventType type : types) {
            names.put(type.getId(), type.getName());
        }
        typeNamesById = names;
        jvm = null;
        aliveThreads = new HashSet<>();
        aliveLoomscopeThreads = new HashSet<>();
        endedBeforeSeenStarting = new HashSet<>();
        fileRequestsFrom = requests.size();
        fileCallsFrom = calls.size();
        filePinsFrom = pins.size();
    }

    /**
     * Called after the events of each file. Files of one JVM (its chunks, in order) share thread ids; files of
     * different JVMs do not, so the thread ids of this file's spans get the JVM's number in their top bits.
     */
    void endFile() {
        String key = jvm == null ? "file-" + jvms.size() : jvm;
        int scope = jvms.indexOf(key);
        if (scope < 0) {
            scope = jvms.size();
            jvms.add(key);
        }
        if (scope > 0) {
            long tag = (long) scope << 48;
            requests.tagThreads(fileRequestsFrom, tag);
            calls.tagThreads(fileCallsFrom, tag);
            pins.tagThreads(filePinsFrom, tag);
        }
        JvmThreads threads = threadsByJvm.computeIfAbsent(key, k -> new JvmThreads());
        threads.alive.removeAll(endedBeforeSeenStarting);
        threads.aliveLoomscope.removeAll(endedBeforeSeenStarting);
        threads.alive.addAll(aliveThreads);
        threads.aliveLoomscope.addAll(aliveLoomscopeThreads);
        aliveThreads = new HashSet<>();
        aliveLoomscopeThreads = new HashSet<>();
        endedBeforeSeenStarting = new HashSet<>();
    }

    /** Threads alive at the end of the files of one JVM so far. */
    private static final class JvmThreads {
        final Set<Long> alive = new HashSet<>();
        final Set<Long> aliveLoomscope = new HashSet<>();
    }

    void accept(RecordedEvent event) {
        String type = event.getEventType().getName();
        long start = nanos(event.getStartTime());
        long end = nanos(event.getEndTime());
        firstNanos = Math.min(firstNanos, start);
        lastNanos = Math.max(lastNanos, end);
        switch (type) {
            case SERVER_REQUEST -> request(event, start, end);
            case CLIENT_CALL -> call(event, start, end);
            case VIRTUAL_THREAD_START -> virtualThreadStart(event, start);
            case VIRTUAL_THREAD_END -> virtualThreadEnd(event, start);
            case VIRTUAL_THREAD_PINNED -> pinned(event, start, end);
            case VIRTUAL_THREAD_SUBMIT_FAILED -> submitFailures++;
            case "jdk.ActiveSetting" -> activeSetting(event);
            case "jdk.InitialSystemProperty" -> systemProperty(event);
            case "jdk.JVMInformation" -> jvmInformation(event);
            case "jdk.ContainerConfiguration" -> containerCpus = positive(event.getLong("effectiveCpuCount"));
            case "jdk.CPUInformation" -> hardwareThreads = positive(event.getLong("hwThreads"));
            default -> loomscopeEvents |= type.startsWith("loomscope.");
        }
    }

    private void request(RecordedEvent event, long start, long end) {
        loomscopeEvents = true;
        requests.add(start, end, threadId(event), 0, longField(event, "requestId"),
                     carriers.index(stringField(event, "startCarrier")),
                     carriers.index(stringField(event, "endCarrier")), paths.index(stringField(event, "path")),
                     (int) longField(event, "status"), booleanField(event, "virtual"));
        requestLatency.record(end - start);
    }

    private void call(RecordedEvent event, long start, long end) {
        loomscopeEvents = true;
        calls.add(start, end, threadId(event), longField(event, "handlerThreadId"), longField(event, "requestId"),
                  carriers.index(stringField(event, "startCarrier")),
                  carriers.index(stringField(event, "endCarrier")), outcomes.index(stringField(event, "outcome")),
                  (int) longField(event, "status"), booleanField(event, "virtual"));
        callLatency.record(end - start);
    }

    // RecordedEvent.getString/getLong check the field's type by walking the type's fields before reading it;
    // getValue walks once. On millions of loomscope events that halves the time spent reading fields.
    private static String stringField(RecordedEvent event, String name) {
        return event.getValue(name) instanceof String text ? text : "";
    }

    private static long longField(RecordedEvent event, String name) {
        return event.getValue(name) instanceof Number number ? number.longValue() : 0;
    }

    private static boolean booleanField(RecordedEvent event, String name) {
        return event.getValue(name) instanceof Boolean flag && flag;
    }

    /** The Java thread id of the thread that did the work: the event's threadId field, else its event thread. */
    private static long threadId(RecordedEvent event) {
        long id = longField(event, "threadId");
        if (id != 0) {
            return id;
        }
        RecordedThread thread = event.getThread();
        return thread == null ? 0 : thread.getJavaThreadId();
    }

    private void virtualThreadStart(RecordedEvent event, long start) {
        virtualStarted++;
        long id = lifecycleThreadId(event);
        RecordedThread thread = event.getThread();
        boolean loomscope = thread != null && thread.getJavaName() != null
                && thread.getJavaName().startsWith(LOOMSCOPE_THREAD_PREFIX);
        if (loomscope) {
            loomscopeStarted++;
        }
        alive.up(start);
        // Within a file a thread's own events are in order, but its end may sit in an earlier buffer than its start.
        if (!endedBeforeSeenStarting.remove(id)) {
            aliveThreads.add(id);
            if (loomscope) {
                aliveLoomscopeThreads.add(id);
            }
        }
    }

    private void virtualThreadEnd(RecordedEvent event, long start) {
        virtualEnded++;
        long id = lifecycleThreadId(event);
        alive.down(start);
        if (!aliveThreads.remove(id)) {
            endedBeforeSeenStarting.add(id);
        }
        aliveLoomscopeThreads.remove(id);
    }

    private long lifecycleThreadId(RecordedEvent event) {
        if (has(event, "javaThreadId")) {
            return longField(event, "javaThreadId");
        }
        RecordedThread thread = event.getThread();
        return thread == null ? 0 : thread.getJavaThreadId();
    }

    private void pinned(RecordedEvent event, long start, long end) {
        long nanos = end - start;
        pinnedNanos += nanos;
        pinnedMaxNanos = Math.max(pinnedMaxNanos, nanos);
        String topFrame = Frames.topApplicationFrame(event.getStackTrace());
        // carrierThread, blockingOperation and pinnedReason exist from JDK 24; JDK 21 records none of them.
        String carrier = "";
        if (has(event, "carrierThread")) {
            RecordedThread thread = event.getThread("carrierThread");
            carrier = thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
        }
        String reason = has(event, "pinnedReason") ? event.getString("pinnedReason") : null;
        String operation = has(event, "blockingOperation") ? event.getString("blockingOperation") : null;
        PinGroupBuilder group = pinGroups.computeIfAbsent(topFrame, PinGroupBuilder::new);
        group.add(nanos, reason, operation, carrier, event);
        RecordedThread pinnedThread = event.getThread();
        pins.add(start, end, pinnedThread == null ? 0 : pinnedThread.getJavaThreadId(), 0, 0,
                 carriers.index(carrier), carriers.index(carrier), frames.index(topFrame), 0, true);
    }

    /**
     * Whether the event's type has that field (JDK 21 lacks some), asked once per type: RecordedEvent.hasField walks
     * the type's fields each time, which showed up as a tenth of the time on millions of events.
     */
    private boolean has(RecordedEvent event, String field) {
        EventType type = event.getEventType();
        Map<String, Boolean> fields = fieldsByType.computeIfAbsent(type, t -> new HashMap<>());
        Boolean present = fields.get(field);
        if (present == null) {
            present = type.getField(field) != null;
            fields.put(field, present);
        }
        return present;
    }

    private void activeSetting(RecordedEvent event) {
        if ("enabled".equals(event.getString("name")) && "true".equals(event.getString("value"))) {
            String type = typeNamesById.get(event.getLong("id"));
            if (type != null) {
                enabledTypes.add(type);
            }
        }
    }

    private void jvmInformation(RecordedEvent event) {
        vmVersion = versionInParentheses(event.getString("jvmVersion"));
        jvm = event.getLong("pid") + "@" + event.getLong("jvmStartTime");
    }

    private void systemProperty(RecordedEvent event) {
        String key = event.getString("key");
        String value = event.getString("value");
        if ("java.runtime.version".equals(key)) {
            runtimeVersion = value;
        } else if ("jdk.virtualThreadScheduler.parallelism".equals(key)) {
            try {
                schedulerParallelism = positive(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                // The JVM itself would have refused to start with it; the processor count stands instead.
            }
        }
    }

    /** Whether the recording holds events of that type or had it enabled (so that none means there were none). */
    private boolean recorded(String type, long events) {
        return events > 0 || enabledTypes.contains(type);
    }

    Report report(List<String> sources) {
        boolean hasEvents = firstNanos != Long.MAX_VALUE;
        Instant start = hasEvents ? instant(firstNanos) : null;
        Instant end = hasEvents ? instant(lastNanos) : null;
        Report.RecordingFacts facts = new Report.RecordingFacts(runtimeVersion != null ? runtimeVersion : vmVersion,
                start, end, hasEvents ? LatencyRecorder.millis(lastNanos - firstNanos) : 0, loomscopeEvents);

        List<String> missing = new ArrayList<>();
        Report.Carriers carrierSection = carriers();
        if (carrierSection == null) {
            missing.add(Report.CARRIERS);
        }
        Report.VirtualThreads threads = null;
        if (recorded(VIRTUAL_THREAD_START, virtualStarted) || recorded(VIRTUAL_THREAD_END, virtualEnded)) {
            long aliveAtEnd = threadsByJvm.values().stream().mapToLong(t -> t.alive.size()).sum();
            long loomscopeAliveAtEnd = threadsByJvm.values().stream().mapToLong(t -> t.aliveLoomscope.size()).sum();
            threads = new Report.VirtualThreads(virtualStarted, virtualEnded, aliveAtEnd, alive.peak(),
                                                loomscopeStarted, loomscopeAliveAtEnd);
        } else {
            missing.add(Report.VIRTUAL_THREADS);
        }
        Report.Requests requestSection = null;
        if (recorded(SERVER_REQUEST, requests.size())) {
            requestSection = requests(carrierSection);
        } else {
            missing.add(Report.REQUESTS);
        }
        Report.ClientCalls callSection = null;
        if (recorded(CLIENT_CALL, calls.size())) {
            callSection = clientCalls();
        } else {
            missing.add(Report.CLIENT_CALLS);
        }
        Report.Pinning pinning = null;
        if (recorded(VIRTUAL_THREAD_PINNED, pins.size())) {
            List<Report.PinGroup> groups = pinGroups.values().stream()
                    .map(PinGroupBuilder::build)
                    .sorted(Comparator.comparingDouble(Report.PinGroup::totalMillis).reversed()
                                    .thenComparing(Report.PinGroup::topFrame))
                    .toList();
            pinning = new Report.Pinning(pins.size(), LatencyRecorder.millis(pinnedNanos),
                                         LatencyRecorder.millis(pinnedMaxNanos), groups);
        } else {
            missing.add(Report.PINNING);
        }
        Report.SubmitFailures failures = null;
        if (recorded(VIRTUAL_THREAD_SUBMIT_FAILED, submitFailures)) {
            failures = new Report.SubmitFailures(submitFailures);
        } else {
            missing.add(Report.SUBMIT_FAILURES);
        }
        String verdict = Verdict.of(requestSection, callSection, threads, pinning, usage());
        return new Report(List.copyOf(sources), facts, carrierSection, threads, requestSection, callSection, pinning,
                          failures, List.copyOf(missing), verdict);
    }

    private Report.Carriers carriers() {
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
        return new Report.Carriers(uses.size(), parallelism(), perCarrier);
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

    private Integer parallelism() {
        if (schedulerParallelism != null) {
            return schedulerParallelism;
        }
        return containerCpus != null ? containerCpus : hardwareThreads;
    }

    private Report.Requests requests(Report.Carriers carrierSection) {
        long onVirtual = 0;
        Map<String, Long> byPath = new HashMap<>();
        Map<Integer, Long> byStatus = new TreeMap<>();
        for (int i = 0; i < requests.size(); i++) {
            if (requests.virtual(i)) {
                onVirtual++;
            }
            byPath.merge(paths.name(requests.label(i)), 1L, Long::sum);
            byStatus.merge(requests.status(i), 1L, Long::sum);
        }
        long peak = requests.peakOverlap();
        int carrierCount = carrierSection == null ? 0 : carrierSection.count();
        Double ratio = carrierCount == 0 ? null : Math.round(100.0 * peak / carrierCount) / 100.0;
        Map<String, Long> statuses = new LinkedHashMap<>();
        byStatus.forEach((status, count) -> statuses.put(Integer.toString(status), count));
        return new Report.Requests(requests.size(), onVirtual, SpanStore.distinct(requests.sortedThreadIds(false)),
                                   requests.peakOverlapPerThread(), peak, ratio, mostFirst(byPath, BY_PATH_ENTRIES),
                                   statuses, requestLatency.toMillis());
    }

    private Report.ClientCalls clientCalls() {
        long onHandler = 0;
        long resumedElsewhere = 0;
        Map<String, Long> byOutcome = new HashMap<>();
        int none = carriers.index("");
        for (int i = 0; i < calls.size(); i++) {
            if (calls.otherThreadId(i) != 0 && calls.otherThreadId(i) == calls.threadId(i)) {
                onHandler++;
            }
            if (calls.virtual(i) && calls.startCarrier(i) != none && calls.endCarrier(i) != none
                    && calls.startCarrier(i) != calls.endCarrier(i)) {
                resumedElsewhere++;
            }
            byOutcome.merge(outcomes.name(calls.label(i)), 1L, Long::sum);
        }
        long count = calls.size();
        return new Report.ClientCalls(count, onHandler, share(onHandler, count), resumedElsewhere,
                                      share(resumedElsewhere, count), mostFirst(byOutcome, Integer.MAX_VALUE),
                                      callLatency.toMillis());
    }

    /** Threads and carriers the requests and calls ran on, for the verdict. */
    private Verdict.Usage usage() {
        long[] requestThreads = requests.sortedThreadIds(true);
        long[] callThreads = calls.sortedThreadIds(true);
        long[] both = new long[requestThreads.length + callThreads.length];
        System.arraycopy(requestThreads, 0, both, 0, requestThreads.length);
        System.arraycopy(callThreads, 0, both, requestThreads.length, callThreads.length);
        Arrays.sort(both);
        Set<Integer> requestCarriers = carrierIndexes(requests);
        Set<Integer> callCarriers = carrierIndexes(calls);
        Set<Integer> all = new TreeSet<>(requestCarriers);
        all.addAll(callCarriers);
        Set<Integer> shared = new TreeSet<>(requestCarriers);
        shared.retainAll(callCarriers);
        return new Verdict.Usage(SpanStore.distinct(both), all.size(), shared.size(),
                                 requests.size() - requestThreads.length, calls.size() - callThreads.length);
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

    private static Integer positive(long value) {
        return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
    }

    /** "25.0.3+9-LTS" from "OpenJDK 64-Bit Server VM (25.0.3+9-LTS) for linux-amd64 JRE (...)". */
    private static String versionInParentheses(String text) {
        if (text == null) {
            return null;
        }
        int open = text.indexOf('(');
        int close = text.indexOf(')', open + 1);
        return open >= 0 && close > open ? text.substring(open + 1, close) : text;
    }

    static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    static Instant instant(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
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

        void add(long nanos, String reason, String operation, String carrier, RecordedEvent event) {
            count++;
            totalNanos += nanos;
            if (nanos > maxNanos) {
                maxNanos = nanos;
                stackTrace = Frames.format(event.getStackTrace(), STACK_FRAMES);
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

        Report.PinGroup build() {
            return new Report.PinGroup(topFrame, count, LatencyRecorder.millis(totalNanos),
                                       LatencyRecorder.millis(Math.max(0, maxNanos)), List.copyOf(reasons),
                                       List.copyOf(operations), List.copyOf(carriers), stackTrace);
        }
    }
}
