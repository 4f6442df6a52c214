package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.carrotsearch.hppc.LongHashSet;
import com.carrotsearch.hppc.cursors.LongCursor;

import dev.loomscope.jfr.read.JfrEvent;
import dev.loomscope.jfr.read.JfrThread;
import dev.loomscope.jfr.read.ReadNotes;

/**
 * The facts of one report that are not spans: the recording's time range, JDK and settings, and the lives of its
 * virtual threads. It sees every event, most only for their times.
 */
final class ThreadAccumulator {

    private static final String LOOMSCOPE_THREAD_PREFIX = "loomscope-";

    private final PeakCounter alive = new PeakCounter();
    // Thread ids are only unique within one JVM: ids seen in this file, merged per JVM when the file ends.
    private LongHashSet aliveThreads = new LongHashSet();
    private LongHashSet aliveLoomscopeThreads = new LongHashSet();
    private LongHashSet endedBeforeSeenStarting = new LongHashSet();
    private final Map<String, JvmThreads> threadsByJvm = new HashMap<>();
    private final List<String> jvms = new ArrayList<>();
    private final RecordedSettings settings = new RecordedSettings();
    private String javaVersion;
    private final LifecycleFields lifecycleFields = new LifecycleFields();
    private String jvm;
    private long firstNanos = Long.MAX_VALUE;
    private long lastNanos = Long.MIN_VALUE;
    private boolean loomscopeEvents;
    private Object lastLayout;
    private String runtimeVersion;
    private String vmVersion;
    private Integer schedulerParallelism;
    private Integer containerCpus;
    private Integer hardwareThreads;
    private long virtualStarted;
    private long virtualEnded;
    private long loomscopeStarted;
    private long submitFailures;
    private ReadNotes readNotes = ReadNotes.NONE;
    private String reader = Report.RecordingFacts.OWN_READER;
    private String readerNote;

    /** Called before the events of each file. */
    void beginFile() {
        jvm = null;
        aliveThreads = new LongHashSet();
        aliveLoomscopeThreads = new LongHashSet();
        endedBeforeSeenStarting = new LongHashSet();
    }

    /**
     * Called after the events of each file. Files of one JVM (its chunks, in order) share thread ids; files of
     * different JVMs do not, so the file's spans get a tag for the JVM, returned here: 0 for the first JVM.
     */
    long endFile() {
        String key = jvm == null ? "file-" + jvms.size() : jvm;
        int scope = jvms.indexOf(key);
        if (scope < 0) {
            scope = jvms.size();
            jvms.add(key);
        }
        JvmThreads threads = threadsByJvm.computeIfAbsent(key, k -> new JvmThreads());
        threads.alive.removeAll(endedBeforeSeenStarting);
        threads.aliveLoomscope.removeAll(endedBeforeSeenStarting);
        threads.alive.addAll(aliveThreads);
        threads.aliveLoomscope.addAll(aliveLoomscopeThreads);
        aliveThreads = new LongHashSet();
        aliveLoomscopeThreads = new LongHashSet();
        endedBeforeSeenStarting = new LongHashSet();
        return (long) scope << 48;
    }

    void noteRead(ReadNotes notes) {
        readNotes = readNotes.plus(notes);
    }

    /** Says that the JDK's reader read a file, and why; a report over several files keeps the last such note. */
    void noteJdkReader(String why) {
        reader = Report.RecordingFacts.JDK_READER;
        readerNote = why;
    }

    /** Called by a chunk's part when its chunk is read: sorts what the merged whole will sort faster so. */
    void sortForMerge() {
        alive.sort();
    }

    /**
     * Adds what {@code part} gathered from the next chunk of the current file. Within one chunk a thread either
     * started, ended, or both (which leaves nothing behind), so applying its ends and then its starts gives what
     * one pass over both chunks would.
     */
    void merge(ThreadAccumulator part) {
        alive.addAll(part.alive);
        for (LongCursor ended : part.endedBeforeSeenStarting) {
            if (!aliveThreads.remove(ended.value)) {
                endedBeforeSeenStarting.add(ended.value);
            }
            aliveLoomscopeThreads.remove(ended.value);
        }
        for (LongCursor started : part.aliveThreads) {
            if (!endedBeforeSeenStarting.remove(started.value)) {
                aliveThreads.add(started.value);
                if (part.aliveLoomscopeThreads.contains(started.value)) {
                    aliveLoomscopeThreads.add(started.value);
                }
            }
        }
        settings.merge(part.settings);
        javaVersion = part.javaVersion != null ? part.javaVersion : javaVersion;
        jvm = part.jvm != null ? part.jvm : jvm;
        firstNanos = Math.min(firstNanos, part.firstNanos);
        lastNanos = Math.max(lastNanos, part.lastNanos);
        loomscopeEvents |= part.loomscopeEvents;
        runtimeVersion = part.runtimeVersion != null ? part.runtimeVersion : runtimeVersion;
        vmVersion = part.vmVersion != null ? part.vmVersion : vmVersion;
        schedulerParallelism = part.schedulerParallelism != null ? part.schedulerParallelism : schedulerParallelism;
        containerCpus = part.containerCpus != null ? part.containerCpus : containerCpus;
        hardwareThreads = part.hardwareThreads != null ? part.hardwareThreads : hardwareThreads;
        virtualStarted += part.virtualStarted;
        virtualEnded += part.virtualEnded;
        loomscopeStarted += part.loomscopeStarted;
        submitFailures += part.submitFailures;
    }

    /** Threads alive at the end of the files of one JVM so far. */
    private static final class JvmThreads {
        final LongHashSet alive = new LongHashSet();
        final LongHashSet aliveLoomscope = new LongHashSet();
    }

    /**
     * Handlers for the types this part reads, each its own method: one shared switch made the JIT's work large.
     * Without {@code threadLives}, virtual-thread starts and ends are left out.
     */
    Map<String, Consumer<JfrEvent>> handlers(boolean threadLives) {
        Map<String, Consumer<JfrEvent>> handlers = new HashMap<>();
        if (threadLives) {
            handlers.put(JdkEvents.VIRTUAL_THREAD_START, this::virtualThreadStart);
            handlers.put(JdkEvents.VIRTUAL_THREAD_END, this::virtualThreadEnd);
        }
        handlers.put(JdkEvents.VIRTUAL_THREAD_SUBMIT_FAILED, event -> submitFailures++);
        handlers.put("jdk.ActiveSetting", settings::activeSetting);
        handlers.put("jdk.InitialSystemProperty", this::systemProperty);
        handlers.put("jdk.JVMInformation", this::jvmInformation);
        handlers.put("jdk.ContainerConfiguration",
                     event -> containerCpus = positive(event.getLong(event.field("effectiveCpuCount"))));
        handlers.put("jdk.CPUInformation",
                     event -> hardwareThreads = positive(event.getLong(event.field("hwThreads"))));
        return handlers;
    }

    /** Every event: it widens the recording's time range and tells whether loomscope's events are in it. */
    void every(JfrEvent event) {
        firstNanos = Math.min(firstNanos, event.startNanos());
        lastNanos = Math.max(lastNanos, event.endNanos());
        // The type name is the same while the layout is: checked once per run of one type, not per event, and
        // not at all once known (the recorder's types interleave, so runs of one type are one event long).
        Object layout = event.layout();
        if (!loomscopeEvents && layout != lastLayout) {
            lastLayout = layout;
            loomscopeEvents = event.typeName().startsWith("loomscope.");
        }
    }

    private void virtualThreadStart(JfrEvent event) {
        long start = event.startNanos();
        virtualStarted++;
        LifecycleFields f = lifecycleFields;
        f.update(event);
        long id = lifecycleThreadId(event, f);
        boolean loomscope = event.threadNameStartsWith(f.eventThread, LOOMSCOPE_THREAD_PREFIX);
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

    private void virtualThreadEnd(JfrEvent event) {
        long start = event.startNanos();
        virtualEnded++;
        lifecycleFields.update(event);
        long id = lifecycleThreadId(event, lifecycleFields);
        alive.down(start);
        if (!aliveThreads.remove(id)) {
            endedBeforeSeenStarting.add(id);
        }
        aliveLoomscopeThreads.remove(id);
    }

    private static long lifecycleThreadId(JfrEvent event, LifecycleFields f) {
        if (f.javaThreadId >= 0) {
            return event.getLong(f.javaThreadId);
        }
        JfrThread thread = event.getThread(f.eventThread);
        return thread == null ? 0 : thread.javaThreadId();
    }

    /** The jdk.VirtualThreadPinned threshold, e.g. "20 ms"; null when 0 or not in the recording. */
    String pinThreshold() {
        return settings.pinThreshold();
    }

    private void jvmInformation(JfrEvent event) {
        vmVersion = JdkVersion.ofJvmVersion(event.getString(event.field("jvmVersion")));
        jvm = event.getLong(event.field("pid")) + "@" + event.getLong(event.field("jvmStartTime"));
    }

    private void systemProperty(JfrEvent event) {
        String key = event.getString(event.field("key"));
        String value = event.getString(event.field("value"));
        if ("java.runtime.version".equals(key)) {
            runtimeVersion = value;
        } else if ("java.version".equals(key)) {
            javaVersion = value;
        } else if ("jdk.virtualThreadScheduler.parallelism".equals(key) && value != null) {
            try {
                schedulerParallelism = positive(Long.parseLong(value.trim()));
            } catch (NumberFormatException e) {
                // The JVM itself would have refused to start with it; the processor count stands instead.
            }
        }
    }

    /** Whether the recording holds events of that type or had it enabled (so that none means there were none). */
    boolean recorded(String type, long events) {
        return events > 0 || settings.enabled(type);
    }

    /** The earliest event's start, Long.MAX_VALUE before any event. */
    long firstNanos() {
        return firstNanos;
    }

    /** The latest event's end. */
    long lastNanos() {
        return lastNanos;
    }

    Report.RecordingFacts facts() {
        boolean hasEvents = firstNanos != Long.MAX_VALUE;
        return new Report.RecordingFacts(runtimeVersion != null ? runtimeVersion
                                         : javaVersion != null ? javaVersion : vmVersion,
                                         hasEvents ? EventAccumulator.instant(firstNanos) : null,
                                         hasEvents ? EventAccumulator.instant(lastNanos) : null,
                                         hasEvents ? LatencyRecorder.millis(lastNanos - firstNanos) : 0,
                                         loomscopeEvents, readNotes.unfinishedChunks(),
                                         readNotes.undeclaredTypes(), reader, readerNote);
    }

    /** Virtual threads started, ended and alive; null when the recording has neither start nor end events. */
    Report.VirtualThreads virtualThreads() {
        boolean starts = recorded(JdkEvents.VIRTUAL_THREAD_START, virtualStarted);
        boolean ends = recorded(JdkEvents.VIRTUAL_THREAD_END, virtualEnded);
        if (!starts && !ends) {
            return null;
        }
        boolean both = starts && ends;
        long aliveAtEnd = threadsByJvm.values().stream().mapToLong(t -> t.alive.size()).sum();
        long loomscopeAliveAtEnd = threadsByJvm.values().stream().mapToLong(t -> t.aliveLoomscope.size()).sum();
        return new Report.VirtualThreads(starts ? virtualStarted : null, ends ? virtualEnded : null,
                                         both ? aliveAtEnd : null, both ? alive.peak() : null,
                                         starts ? loomscopeStarted : null, both ? loomscopeAliveAtEnd : null);
    }

    /** Submit failures; null when the recording neither has nor enabled the event. */
    Report.SubmitFailures submitFailures() {
        return recorded(JdkEvents.VIRTUAL_THREAD_SUBMIT_FAILED, submitFailures)
                ? new Report.SubmitFailures(submitFailures) : null;
    }

    /** The virtual-thread scheduler's parallelism as the recording tells it: set, container CPUs or processors. */
    Integer parallelism() {
        if (schedulerParallelism != null) {
            return schedulerParallelism;
        }
        return containerCpus != null ? containerCpus : hardwareThreads;
    }

    private static Integer positive(long value) {
        return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
    }
}
