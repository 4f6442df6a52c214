import java.nio.file.Path;
import java.util.*;
import jdk.jfr.consumer.*;

/**
 * CPU-sample shares by code area, and per-request counts of a few events, of loomscope server recordings.
 *
 * <p>Usage: .ci/jdk java it/bench/CpuShares.java server.jfr... (a benchmark run leaves all-loomscope-rec.jfr in its
 * results directory). Each sample counts under the first area found from the top of its stack.
 */
public class CpuShares {
    static final String[][] AREAS = {
        {"jackson", "com.fasterxml.jackson."},
        {"idle-monitor", "io.helidon.common.socket.IdleInputStream"},
        {"jfr", "jdk.jfr."},
        {"loomscope", "dev.loomscope."},
        {"webclient", "io.helidon.webclient."},
        {"webserver", "io.helidon.webserver.", "io.helidon.http.", "io.helidon.common."},
        {"vthread-switch", "jdk.internal.vm.Continuation", "java.lang.VirtualThread", "java.util.concurrent.ForkJoin"},
    };
    public static void main(String[] args) throws Exception {
        for (String file : args) {
            Map<String, Integer> areas = new TreeMap<>();
            Map<String, Long> counts = new TreeMap<>();
            Map<String, Long> allocByTop = new HashMap<>();
            long samples = 0, alloc = 0, throwables0 = -1, throwables1 = 0;
            try (RecordingFile rf = new RecordingFile(Path.of(file))) {
                while (rf.hasMoreEvents()) {
                    RecordedEvent e = rf.readEvent();
                    String type = e.getEventType().getName();
                    counts.merge(type, 1L, Long::sum);
                    if (type.equals("jdk.ExecutionSample")) {
                        samples++;
                        areas.merge(area(e.getStackTrace()), 1, Integer::sum);
                    } else if (type.equals("jdk.ObjectAllocationSample")) {
                        alloc += e.getLong("weight");
                    } else if (type.equals("jdk.ExceptionStatistics")) {
                        long t = e.getLong("throwables");
                        if (throwables0 < 0) throwables0 = t;
                        throwables1 = t;
                    }
                }
            }
            long requests = counts.getOrDefault("loomscope.ServerRequest", 0L);
            System.out.printf("%s: %d requests, %d CPU samples%n", file, requests, samples);
            for (var a : areas.entrySet()) {
                System.out.printf("  %-15s %5.1f%%%n", a.getKey(), 100.0 * a.getValue() / samples);
            }
            System.out.printf("  per request: vthread starts %.2f, throwables %.3f, sampled allocation %.1f KB%n",
                              counts.getOrDefault("jdk.VirtualThreadStart", 0L) / (double) requests,
                              (throwables1 - throwables0) / (double) requests, alloc / 1024.0 / requests);
        }
    }
    static String area(RecordedStackTrace st) {
        if (st == null) return "none";
        for (RecordedFrame f : st.getFrames()) {
            String m = f.getMethod().getType().getName();
            for (String[] a : AREAS) for (int i = 1; i < a.length; i++) if (m.startsWith(a[i])) return a[0];
        }
        return "other";
    }
}
