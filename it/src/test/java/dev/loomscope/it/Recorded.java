package dev.loomscope.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Predicate;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * The facts of one recording the claims are judged on, read straight with {@code jdk.jfr.consumer}: the
 * loomscope events, pins, and virtual thread starts and ends. An independent reading, next to the analyser's.
 */
final class Recorded {

    final List<Request> requests = new ArrayList<>();
    final List<Call> calls = new ArrayList<>();
    final List<Pin> pins = new ArrayList<>();
    final List<ThreadMark> virtualStarts = new ArrayList<>();
    final List<ThreadMark> virtualEnds = new ArrayList<>();
    final Map<String, String> systemProperties = new HashMap<>();
    OptionalLong cpus = OptionalLong.empty();
    Instant lastEventEnd = Instant.MIN;

    private Recorded() {
    }

    static Recorded read(Path file) throws IOException {
        Recorded recorded = new Recorded();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                recorded.add(recording.readEvent());
            }
        }
        recorded.requests.sort(Comparator.comparing(Request::start));
        recorded.calls.sort(Comparator.comparing(Call::start));
        return recorded;
    }

    private void add(RecordedEvent event) {
        if (event.getEndTime().isAfter(lastEventEnd)) {
            lastEventEnd = event.getEndTime();
        }
        switch (event.getEventType().getName()) {
            case "loomscope.ServerRequest" -> requests.add(new Request(
                    event.getLong("requestId"), event.getLong("threadId"), event.getBoolean("virtual"),
                    event.getString("startCarrier"), event.getString("endCarrier"), event.getStartTime(),
                    event.getEndTime(), threadId(event.getThread()), threadName(event.getThread()),
                    event.getString("path"), event.getInt("status"),
                    event.hasField("protocol") ? event.getString("protocol") : "",
                    event.hasField("streamId") ? event.getInt("streamId") : 0,
                    event.hasField("connection") ? event.getString("connection") : ""));
            case "loomscope.ClientCall" -> calls.add(new Call(
                    event.getLong("requestId"), event.getLong("threadId"), event.getBoolean("virtual"),
                    event.getString("startCarrier"), event.getString("endCarrier"), event.getStartTime(),
                    event.getEndTime(), threadId(event.getThread()), threadName(event.getThread()),
                    event.getLong("handlerThreadId"), event.getString("outcome"), event.getInt("status")));
            case "jdk.VirtualThreadPinned" -> pins.add(new Pin(
                    event.getStartTime(), event.getEndTime(), event.getDuration(), threadId(event.getThread()),
                    event.hasField("pinnedReason") ? event.getString("pinnedReason") : "",
                    event.hasField("carrierThread") ? threadName(event.getThread("carrierThread")) : "",
                    event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames().stream()
                            .map(Recorded::frame).toList()));
            case "jdk.VirtualThreadStart" -> virtualStarts.add(new ThreadMark(
                    event.getLong("javaThreadId"), threadName(event.getThread()), event.getStartTime()));
            case "jdk.VirtualThreadEnd" -> virtualEnds.add(new ThreadMark(
                    event.getLong("javaThreadId"), threadName(event.getThread()), event.getStartTime()));
            case "jdk.InitialSystemProperty" -> systemProperties.put(event.getString("key"), event.getString("value"));
            case "jdk.ContainerConfiguration" -> cpus = OptionalLong.of(event.getLong("effectiveCpuCount"));
            case "jdk.CPUInformation" -> {
                if (cpus.isEmpty()) {
                    cpus = OptionalLong.of(event.getInt("hwThreads"));
                }
            }
            default -> {
                // other JDK events are not needed by the claims
            }
        }
    }

    /** The virtual thread scheduler's parallelism: the system property if set, else the CPUs the JVM saw. */
    long parallelism() {
        String configured = systemProperties.get("jdk.virtualThreadScheduler.parallelism");
        if (configured != null) {
            return Long.parseLong(configured.strip());
        }
        return cpus.orElseThrow(() -> new AssertionError("the recording shows no CPU count"));
    }

    List<Request> requests(Predicate<Request> filter) {
        return requests.stream().filter(filter).toList();
    }

    Optional<Request> request(long requestId) {
        return requests.stream().filter(r -> r.requestId() == requestId).findFirst();
    }

    private static long threadId(RecordedThread thread) {
        return thread == null ? -1 : thread.getJavaThreadId();
    }

    private static String threadName(RecordedThread thread) {
        return thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
    }

    private static String frame(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + "(" + frame.getLineNumber() + ")";
    }

    /** A span during which something happened on one thread. */
    interface Span {
        Instant start();

        Instant end();

        default boolean within(Instant from, Instant to) {
            return !start().isBefore(from) && !end().isAfter(to);
        }

        default boolean contains(Span other) {
            return !other.start().isBefore(start()) && !other.end().isAfter(end());
        }
    }

    /** A {@code loomscope.ServerRequest} event. */
    record Request(long requestId, long threadId, boolean virtual, String startCarrier, String endCarrier,
                   Instant start, Instant end, long eventThreadId, String eventThreadName, String path, int status,
                   String protocol, int streamId, String connection)
            implements Span {
    }

    /** A {@code loomscope.ClientCall} event. */
    record Call(long requestId, long threadId, boolean virtual, String startCarrier, String endCarrier,
                Instant start, Instant end, long eventThreadId, String eventThreadName, long handlerThreadId,
                String outcome, int status) implements Span {
    }

    /** A {@code jdk.VirtualThreadPinned} event. */
    record Pin(Instant start, Instant end, Duration duration, long threadId, String reason, String carrier,
               List<String> frames)
            implements Span {
    }

    /** A {@code jdk.VirtualThreadStart} or {@code jdk.VirtualThreadEnd} event. */
    record ThreadMark(long threadId, String name, Instant time) {
    }
}
