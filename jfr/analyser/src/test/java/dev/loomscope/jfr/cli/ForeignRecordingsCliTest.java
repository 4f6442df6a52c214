package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import dev.loomscope.jfr.Fixtures;
import dev.loomscope.jfr.fixtures.PatchedRecordings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What report and check say of files from other JDKs, other systems, crashes and live copies. */
class ForeignRecordingsCliTest {

    private static final String NL = System.lineSeparator();

    @TempDir
    Path dir;

    @Test
    void windowsRecordingIsReported() throws Exception {
        Path file = PatchedRecordings.windowsClock(Fixtures.PLAIN_NO_LOOMSCOPE, dir.resolve("windows.jfr"));
        Cli.Result result = Cli.run("report", file.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("virtual threads  201 started");
    }

    @Test
    void format1IsReadByTheJdkReaderAndSaidSo() throws Exception {
        Path file = PatchedRecordings.formatOne(Fixtures.PLAIN_NO_LOOMSCOPE, dir.resolve("jdk9.jfr"));
        Cli.Result result = Cli.run("report", file.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("  reader           the JDK's RecordingFile (loomscope's reader refused it: "
                + file + " is in JFR format version 1.0 (JDK 9/10), which is not supported; this reader reads 2.x"
                + " (JDK 11+))" + NL);
        assertThat(result.out()).contains("virtual threads  201 started");
    }

    @Test
    void gzipFileIsToldToBeGunzipped() throws Exception {
        Path file = PatchedRecordings.gzip(Fixtures.PLAIN_NO_LOOMSCOPE, dir.resolve("x.jfr.gz"));
        Cli.Result result = Cli.run("check", file.toString());
        assertThat(result.code()).isEqualTo(1);
        assertThat(result.err()).isEqualTo("loomscope-jfr check: " + file + " is gzip-compressed; gunzip it first" + NL);
    }

    @Test
    void undeclaredEventTypeIsSkippedAndSaidInOneLine() throws Exception {
        Path file = dir.resolve("emergency.jfr");
        long type = PatchedRecordings.undeclaredType(Fixtures.PLAIN_NO_LOOMSCOPE, "jdk.VirtualThreadStart", file);
        Cli.Result result = Cli.run("report", file.toString());
        assertThat(result.err()).isEmpty();
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("  skipped          1 event of undeclared type " + type + " (missing metadata");
    }

    @Test
    void checkFailsOnACopyOfAChunkStillBeingWritten() throws Exception {
        Path file = PatchedRecordings.unfinished(Fixtures.PLAIN_NO_LOOMSCOPE, dir.resolve("live.jfr"));
        Cli.Result check = Cli.run("check", "--max-pinned", "5", "--max-pinned-time", "1s", file.toString());
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out()).startsWith(file + ": cannot check: the file was copied while the JVM was still"
                                           + " writing it");
        Cli.Result report = Cli.run("report", file.toString());
        assertThat(report.out()).contains("  unfinished       the file was copied while the JVM was still writing it");
    }
}
