import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Counted, not timed, cost per request of one bounded load run: bytes allocated, and JFR events of each type.
 *
 * <p>Usage: .ci/jdk java it/bench/PerRequestCost.java cost.jfr REQUESTS (a recording started just before the load
 * and stopped just after it, with {@code jdk.ThreadAllocationStatistics} at {@code everyChunk}, as
 * {@code per-request-cost.sh} makes). Allocation is the sum over threads of their allocated bytes at the recording's
 * end minus at its start; a virtual thread allocates on its carrier's account, so the platform threads hold it all.
 */
public class PerRequestCost {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long requests = Long.parseLong(args[1]);
        Map<Long, long[]> allocated = new HashMap<>();
        Map<String, Long> counts = new TreeMap<>();
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                counts.merge(type, 1L, Long::sum);
                if (type.equals("jdk.ThreadAllocationStatistics") && event.getThread("thread") != null) {
                    long bytes = event.getLong("allocated");
                    long[] span = allocated.computeIfAbsent(event.getThread("thread").getJavaThreadId(),
                                                            id -> new long[] {Long.MAX_VALUE, Long.MIN_VALUE});
                    span[0] = Math.min(span[0], bytes);
                    span[1] = Math.max(span[1], bytes);
                }
            }
        }
        long bytes = 0;
        for (long[] span : allocated.values()) {
            // A thread seen once (started or ended inside the run) counts from zero: its first sample is all it did.
            bytes += span[0] == span[1] ? span[1] : span[1] - span[0];
        }
        long loomscope = 0;
        long all = 0;
        for (var entry : counts.entrySet()) {
            all += entry.getValue();
            if (entry.getKey().startsWith("loomscope.")) {
                loomscope += entry.getValue();
            }
        }
        System.out.printf("requests\t%d%n", requests);
        System.out.printf("allocated_bytes_per_request\t%.0f%n", bytes / (double) requests);
        System.out.printf("events_per_request\t%.3f%n", all / (double) requests);
        System.out.printf("loomscope_events_per_request\t%.3f%n", loomscope / (double) requests);
        for (var entry : counts.entrySet()) {
            double perRequest = entry.getValue() / (double) requests;
            if (perRequest >= 0.001) {
                System.out.printf("  %s\t%.3f%n", entry.getKey(), perRequest);
            }
        }
    }
}
