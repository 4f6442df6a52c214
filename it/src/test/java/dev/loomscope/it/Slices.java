package dev.loomscope.it;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/** The recorder's events in one recording, read with jdk.jfr.consumer: slices, wake-ups, its status, vthread starts. */
final class Slices {

    final List<Slice> slices = new ArrayList<>();
    final List<Wakeup> wakeups = new ArrayList<>();
    final List<String> statuses = new ArrayList<>();
    final List<Long> virtualStarts = new ArrayList<>();
    final List<RecordedEvent> requests = new ArrayList<>();

    static Slices read(Path file) throws IOException {
        Slices read = new Slices();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                switch (event.getEventType().getName()) {
                    case "loomscope.VirtualThreadSlice" -> read.slices.add(new Slice(
                            event.getThread(), event.getThread("virtualThread"), event.getStartTime(),
                            event.getEndTime(), event.getString("end")));
                    case "loomscope.VirtualThreadWakeup" -> read.wakeups.add(new Wakeup(
                            event.getThread(), event.getThread("virtualThread"), event.getStartTime(),
                            event.getString("source")));
                    case "loomscope.RecorderStatus" -> read.statuses.add(event.getString("state") + ": "
                            + event.getString("reason"));
                    case "jdk.VirtualThreadStart" -> read.virtualStarts.add(event.getLong("javaThreadId"));
                    case "loomscope.ServerRequest" -> read.requests.add(event);
                    default -> {
                        // not the recorder's
                    }
                }
            }
        }
        read.slices.sort(Comparator.comparing(Slice::start));
        return read;
    }

    /** Pairs of slices that overlap on one key (a carrier, or a virtual thread): each should be empty. */
    List<String> overlapsBy(java.util.function.Function<Slice, Long> key) {
        List<String> overlaps = new ArrayList<>();
        Map<Long, List<Slice>> byKey = slices.stream().collect(Collectors.groupingBy(key));
        byKey.forEach((id, list) -> {
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).start().isBefore(list.get(i - 1).end())) {
                    overlaps.add(list.get(i - 1) + " overlaps " + list.get(i));
                }
            }
        });
        return overlaps;
    }

    List<Slice> slicesOf(String virtualName) {
        return slices.stream().filter(s -> virtualName.equals(s.virtualThread().getJavaName())).toList();
    }

    List<Wakeup> wakeupsOfNamed(String prefix) {
        return wakeups.stream().filter(w -> w.virtualThread().getJavaName() != null
                && w.virtualThread().getJavaName().startsWith(prefix)).toList();
    }

    record Slice(RecordedThread carrier, RecordedThread virtualThread, Instant start, Instant end, String endKind) {
        long carrierId() {
            return carrier.getJavaThreadId();
        }

        long virtualId() {
            return virtualThread.getJavaThreadId();
        }

        @Override
        public String toString() {
            return virtualThread.getJavaName() + "#" + virtualId() + "@" + carrier.getJavaName() + " " + start + ".." + end;
        }
    }

    record Wakeup(RecordedThread waker, RecordedThread virtualThread, Instant time, String source) {
    }
}
