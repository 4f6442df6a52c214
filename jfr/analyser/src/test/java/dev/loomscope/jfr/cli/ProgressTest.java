package dev.loomscope.jfr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loomscope.jfr.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long work says its steps on stderr, for big files only, and never writes them into the report on stdout. */
class ProgressTest {

    @TempDir
    Path dir;

    @AfterEach
    void back() {
        System.clearProperty("loomscope.jfr.progressFromBytes");
    }

    @Test
    void aBigFileGetsItsStepsOnStderrWhileStdoutStaysJson() throws Exception {
        System.setProperty("loomscope.jfr.progressFromBytes", "1"); // every file is big
        Cli.Result result = Cli.run("report", "--format", "json", Fixtures.HOP_AND_FANOUT.toString());
        assertThat(result.code()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).has("combined")).isTrue();
        assertThat(result.err().lines()).hasSize(3);
        assertThat(result.err().lines().toList().get(0))
                .matches("loomscope-jfr report: reading hop-and-fanout\\.jfr \\(\\d+ MB\\)\\.\\.\\. \\(0\\.0 s\\)");
        assertThat(result.err().lines().toList().get(1))
                .matches("loomscope-jfr report: analysing hop-and-fanout\\.jfr\\.\\.\\. \\(\\d+\\.\\d s\\)");
        assertThat(result.err().lines().toList().get(2)).startsWith("loomscope-jfr report: rendering json... (");
    }

    @Test
    void anHtmlPageSaysItsStepsAndWhereItWasWritten() {
        System.setProperty("loomscope.jfr.progressFromBytes", "1");
        Path page = dir.resolve("r.html");
        Cli.Result result = Cli.run("report", "--format", "html", "--no-jmc-rules", "--timeline-from", "100ms",
                                    "-o", page.toString(), Fixtures.HOP_AND_FANOUT.toString());
        assertThat(result.code()).isZero();
        assertThat(result.err().lines().toList().get(3)).startsWith("loomscope-jfr report: wrote " + page + " (");
        assertThat(Files.exists(page)).isTrue();
    }

    @Test
    void aSmallFileSaysNothingOnStderr() {
        Cli.Result result = Cli.run("report", Fixtures.HOP_AND_FANOUT.toString());
        assertThat(result.code()).isZero();
        assertThat(result.err()).isEmpty();
    }
}
