package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Misuse first: bad data is one line and exit 1, bad usage is a message plus usage and exit 2. */
class MisuseTest {

    @TempDir
    Path dir;

    @Test
    void missingFileIsOneLineAndExit1() {
        Cli.Result result = Cli.run("report", "x.jfr");
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr report: no such file x.jfr" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void emptyFileIsOneLineAndExit1() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.jfr"));
        Cli.Result result = Cli.run("report", empty.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr report: " + empty + " is empty, not a JFR recording"
                                           + System.lineSeparator());
    }

    @Test
    void textFileIsNotARecordingAndExit1() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "hello\n");
        Cli.Result result = Cli.run("report", text.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr report: " + text
                                           + " is not a JFR recording (it does not start with FLR)"
                                           + System.lineSeparator());
    }

    @Test
    void truncatedRecordingIsOneLineAndExit1() throws IOException {
        byte[] whole = Files.readAllBytes(Fixtures.HOP_AND_FANOUT);
        Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
        Cli.Result result = Cli.run("report", half.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("loomscope-jfr report: " + half + " is truncated or damaged")
                .hasLineCount(1)
                .doesNotContain("Exception");
    }

    @Test
    void directoryWithoutChunkFilesIsOneLineAndExit1() {
        Cli.Result result = Cli.run("check", dir.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr check: " + dir + " is a directory with no .jfr files;"
                + " give a recording, or a JFR repository directory of .jfr chunk files" + System.lineSeparator());
    }

    @Test
    void fifoIsRefusedAtOnceByReportAndExit1() throws Exception {
        Path fifo = Fifo.make(dir.resolve("x.jfr"));
        Cli.Result result = assertTimeoutPreemptively(Fifo.HANG_LIMIT, () -> Cli.run("report", fifo.toString()));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr report: " + fifo + " is not a regular file (a pipe); save"
                                           + " the recording to a file first" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void fifoIsRefusedAtOnceByCheckAndExit1() throws Exception {
        Path fifo = Fifo.make(dir.resolve("x.jfr"));
        Cli.Result result = assertTimeoutPreemptively(Fifo.HANG_LIMIT,
                () -> Cli.run("check", Fixtures.PINNING_CLASS_INIT.toString(), fifo.toString()));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr check: " + fifo + " is not a regular file (a pipe); save"
                                           + " the recording to a file first" + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void deviceIsRefusedAndExit1() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device), "no /dev/null here");
        Cli.Result result = assertTimeoutPreemptively(Fifo.HANG_LIMIT, () -> Cli.run("report", device.toString()));
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr report: /dev/null is not a regular file (a device); save"
                                           + " the recording to a file first" + System.lineSeparator());
    }

    @Test
    void reportWithoutFileIsUsageErrorExit2() {
        Cli.Result result = Cli.run("report");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr report: no recording given; name one or more .jfr files")
                .contains("Usage: loomscope-jfr report");
    }

    @Test
    void unknownOptionSuggestsTheNearestAndExit2() {
        Cli.Result result = Cli.run("report", "--fromat", "json", "x.jfr");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr report: unknown option --fromat, did you mean --format?")
                .contains("Usage: loomscope-jfr report");
    }

    @Test
    void badFormatIsUsageErrorExit2() {
        Cli.Result result = Cli.run("report", "--format", "xml", Fixtures.HOP_AND_FANOUT.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr report: invalid value for option '--format'")
                .contains("but was 'xml'");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownCommandSuggestsTheNearestAndExit2() {
        Cli.Result result = Cli.run("repot", "x.jfr");
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr: unknown command repot, did you mean report?");
    }

    @Test
    void badDurationIsUsageErrorExit2() {
        Cli.Result result = Cli.run("check", "--max-pinned-time", "20", Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr check: invalid value for option '--max-pinned-time':"
                                            + " '20' has no unit, write e.g. 20s or 20ms (units: ns, us, ms, s, m, h)");
    }

    @Test
    void negativeLimitIsUsageErrorExit2() {
        Cli.Result result = Cli.run("check", "--max-pinned", "-1", Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).startsWith("loomscope-jfr check: limits must be 0 or more");
    }

    @Test
    void unwritableOutputIsOneLineAndExit1() {
        Cli.Result result = Cli.run("report", "-o", dir.resolve("no/such/dir/out.txt").toString(),
                                    Fixtures.PINNING_CLASS_INIT.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).startsWith("loomscope-jfr report: cannot write ").hasLineCount(1);
    }
}
