package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Locks the user-facing wording of the result table: change these lines on purpose, never by accident. */
class WordingTest {

    @AutoClose
    private static final TestServer server = new TestServer();

    @Test
    void nothingAnsweredPrintsNoLatency() {
        Cli.Result run = Cli.run("load", server.uri("/hang").toString(), "-d", "300ms", "-c", "2", "--timeout", "5m");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("  latency       none answered" + System.lineSeparator())
                .doesNotContain("latency p50", "0.000 ms");
    }

    @Test
    void openLoopSaysWhatMissedMeans() {
        Cli.Result run = Cli.run("load", server.uri("/slow").toString(), "--rate", "100", "-d", "500ms", "-c", "1");

        assertThat(run.code()).isZero();
        assertThat(run.out()).containsPattern("  missed\\s+\\d+ \\(due but never sent: every connection was busy\\)");
    }
}
