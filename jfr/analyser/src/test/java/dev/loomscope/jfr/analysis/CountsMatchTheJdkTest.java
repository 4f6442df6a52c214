package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.loomscope.jfr.Fixtures;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Our counts equal the JDK's: its consumer API counted independently, and its jfr summary tool. */
class CountsMatchTheJdkTest {

    private static final List<String> TYPES = List.of("jdk.VirtualThreadStart", "jdk.VirtualThreadEnd",
            "jdk.VirtualThreadPinned", "jdk.VirtualThreadSubmitFailed", "loomscope.ServerRequest",
            "loomscope.ClientCall");

    static Path[] fixtures() {
        return Fixtures.ALL;
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void countsEqualTheJdkConsumerApi(Path file) throws Exception {
        Map<String, Long> jdk = new HashMap<>();
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            jdk.merge(event.getEventType().getName(), 1L, Long::sum);
        }
        assertThat(ours(file)).isEqualTo(expected(jdk));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void countsEqualJfrSummary(Path file) throws Exception {
        Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
        Process process = new ProcessBuilder(jfr.toString(), "summary", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        // Lines like " jdk.VirtualThreadStart    230    2818": type, count, size in bytes.
        Pattern line = Pattern.compile("^\\s*(\\S+)\\s+(\\d+)\\s+\\d+\\s*$", Pattern.MULTILINE);
        Map<String, Long> summary = new HashMap<>();
        Matcher matcher = line.matcher(output);
        while (matcher.find()) {
            summary.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        assertThat(summary).as(output).containsKey("jdk.VirtualThreadPinned");
        assertThat(ours(file)).isEqualTo(expected(summary));
    }

    private static Map<String, Long> expected(Map<String, Long> counts) {
        Map<String, Long> expected = new HashMap<>();
        TYPES.forEach(type -> expected.put(type, counts.getOrDefault(type, 0L)));
        return expected;
    }

    private static Map<String, Long> ours(Path file) throws RecordingException, IOException {
        Report report = RecordingAnalyzer.analyze(List.of(file)).combined();
        Map<String, Long> ours = new HashMap<>();
        ours.put("jdk.VirtualThreadStart", report.virtualThreads() == null || report.virtualThreads().started() == null ? 0
                : report.virtualThreads().started());
        ours.put("jdk.VirtualThreadEnd", report.virtualThreads() == null || report.virtualThreads().ended() == null ? 0
                : report.virtualThreads().ended());
        ours.put("jdk.VirtualThreadPinned", report.pinning() == null ? 0 : report.pinning().count());
        ours.put("jdk.VirtualThreadSubmitFailed", report.submitFailures() == null ? 0 : report.submitFailures().count());
        ours.put("loomscope.ServerRequest", report.requests() == null ? 0 : report.requests().count());
        ours.put("loomscope.ClientCall", report.clientCalls() == null ? 0 : report.clientCalls().count());
        return ours;
    }
}
