package dev.loomscope.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import dev.loomscope.jfr.event.ServerRequestEvent;
import jdk.jfr.Recording;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code loomscope-jfr report FILE} on files that are not whole recordings: bad data, so exit 1 and exactly one
 * line on stderr naming the file; never a stack trace, never a hang.
 */
class AnalyserBadFilesTest {

    private static Path directory;
    private static Path recording;
    private static byte[] bytes;

    @BeforeAll
    static void recordASmallRecordingWithLoomscopeEvents() throws IOException {
        directory = TestOutput.forClass(AnalyserBadFilesTest.class);
        recording = directory.resolve("whole.jfr");
        try (Recording jfr = new Recording()) {
            jfr.enable(ServerRequestEvent.class).withThreshold(java.time.Duration.ZERO);
            jfr.start();
            for (int i = 1; i <= 200; i++) {
                ServerRequestEvent event = new ServerRequestEvent();
                event.beginOn(i);
                event.method = "GET";
                event.path = "/";
                event.status = 200;
                event.endAndCommit();
            }
            jfr.stop();
            jfr.dump(recording);
        }
        bytes = Files.readAllBytes(recording);
    }

    /** Without this the bad-file cases could pass for a tool that fails on everything. */
    @Test
    void wholeRecordingIsReported() throws Exception {
        AnalyserCli.Result result = AnalyserCli.run(directory, "whole", "report", recording.toString());
        assertThat(result.exit()).as("%s", result).isZero();
        assertThat(result.stdout()).isNotBlank();
    }

    static Stream<Arguments> badFiles() throws IOException {
        byte[] noise = new byte[4096];
        new Random(21).nextBytes(noise);
        return Stream.of(
                Arguments.of("empty", new byte[0]),
                Arguments.of("random", noise),
                Arguments.of("text", "this is not a flight recording\n".getBytes(StandardCharsets.UTF_8)),
                Arguments.of("zip", Arrays.copyOf(Files.readAllBytes(Jars.analyser()), 8192)),
                Arguments.of("truncated-at-1", Arrays.copyOf(bytes, 1)),
                Arguments.of("truncated-at-4", Arrays.copyOf(bytes, 4)),
                Arguments.of("truncated-at-40", Arrays.copyOf(bytes, 40)),
                Arguments.of("truncated-at-68", Arrays.copyOf(bytes, 68)),
                Arguments.of("truncated-at-third", Arrays.copyOf(bytes, bytes.length / 3)),
                Arguments.of("truncated-at-half", Arrays.copyOf(bytes, bytes.length / 2)),
                Arguments.of("truncated-by-1", Arrays.copyOf(bytes, bytes.length - 1)));
    }

    /** Could fail if the tool printed a stack trace, several lines, nothing, or exited with 0 or 2. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void badFileExits1WithOneLineOnStderr(String name, byte[] content) throws Exception {
        Path file = directory.resolve(name + ".jfr");
        Files.write(file, content);
        AnalyserCli.Result result = AnalyserCli.run(directory, name, "report", file.toString());
        assertThat(result.exit()).as("%s", result).isEqualTo(1);
        assertThat(result.stderrLines()).as("%s", result).hasSize(1);
        assertThat(result.stderr()).as("%s", result).contains(name + ".jfr").doesNotContain("\tat ");
    }
}
