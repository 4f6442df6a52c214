package dev.loomscope.it;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import dev.loomscope.it.ChunkHeaders.Chunk;
import dev.loomscope.it.Recorded.Request;
import dev.loomscope.jfr.analysis.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claim 8: SIGTERM under load lets the requests in flight finish within the grace period, then writes a complete
 * recording. The upstream is held inside the test JVM, so the test knows every request is in flight when the
 * signal goes out, and releases them only once the server says it is stopping.
 */
class GracefulStopTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final int IN_FLIGHT = 20;
    static final Duration GRACE = Duration.ofSeconds(5);
    // Writing the recording and leaving the JVM, after the last request.
    static final Duration EXIT_MARGIN = Duration.ofSeconds(5);

    /**
     * Could fail if the server cut requests short (a 5xx, a reset, an EOF before the answer), answered before it
     * was signalled, overran the grace period, or wrote a recording that is truncated or ends before the requests.
     */
    @Test
    void sigtermLetsRequestsInFlightFinishThenWritesACompleteRecording() throws Exception {
        try (HeldUpstream upstream = new HeldUpstream();
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            ServerProcess server = PROCESSES.start("server", ServerProcess.Options.defaults()
                    .upstream(upstream.uri())
                    // The held upstream would hold the server's warm-up calls too.
                    .property("app.warm-up.enabled", false)
                    .property("server.shutdown-grace-period", "PT" + GRACE.toSeconds() + "S"));
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < IN_FLIGHT; i++) {
                answers.add(clients.submit(() -> call(server)));
            }
            upstream.awaitHeld(IN_FLIGHT, Duration.ofSeconds(30));

            long signalled = System.nanoTime();
            server.terminate();
            server.awaitOutput(Pattern.compile("SIGTERM: stopping"), Duration.ofSeconds(10));
            upstream.release();
            assertThat(server.awaitExit(GRACE.plus(EXIT_MARGIN))).as("%s exited within %s of SIGTERM", server,
                                                                     GRACE.plus(EXIT_MARGIN)).isTrue();
            long exited = System.nanoTime();
            assertThat(server.exitCode()).isZero();

            for (Future<Answer> future : answers) {
                Answer answer = future.get(10, TimeUnit.SECONDS);
                assertThat(answer.failure()).as("request failure").isNull();
                assertThat(answer.status()).as("status of %s", answer).isEqualTo(200);
                assertThat(answer.answeredAt() - signalled).as("answered after SIGTERM, within the grace period")
                        .isPositive().isLessThan(GRACE.toNanos());
                assertThat(answer.answeredAt() - exited).as("answered before the server exited").isNegative();
                assertThat(answer.afterwards()).as("the connection after the answer").isNotEqualTo(RawHttp.After.RESET);
            }
            System.out.printf("claim 8: %d requests in flight answered 200; exit %.0f ms after SIGTERM%n", IN_FLIGHT,
                              (exited - signalled) / 1e6);

            // The recording: whole chunks only, and it ends after the last request.
            List<Chunk> chunks = ChunkHeaders.read(server.recording());
            assertThat(chunks).isNotEmpty().allSatisfy(chunk -> assertThat(chunk.durationNanos()).isPositive());
            Recorded recorded = Recorded.read(server.recording());
            assertThat(recorded.requests).as("requests recorded").hasSize(IN_FLIGHT)
                    .allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
            Instant lastRequestEnd = recorded.requests.stream().map(Request::end).max(Comparator.naturalOrder())
                    .orElseThrow();
            assertThat(chunks.get(chunks.size() - 1).end()).as("end of the last chunk").isAfterOrEqualTo(lastRequestEnd);
            Report report = Analysed.report(server.recording());
            assertThat(report.recording().end()).as("analyser: recording end").isAfterOrEqualTo(lastRequestEnd);
            assertThat(report.requests().byStatus()).as("analyser: requests by status")
                    .containsEntry("200", (long) IN_FLIGHT);
        }
    }

    /**
     * Could fail if a signal during the warm-up were left to the JVM's default (exit 143, and once an empty
     * recording file that the analyser calls "not a JFR recording"), or if the stop waited for the warm-up.
     */
    @Test
    void sigtermDuringTheWarmUpStopsTheServerAndLeavesNoEmptyRecording() throws Exception {
        try (HeldUpstream upstream = new HeldUpstream()) {
            // The warm-up calls the held upstream, which never answers: the server is warming up until signalled.
            ServerProcess server = PROCESSES.launch("warming-up", ServerProcess.Options.defaults()
                    .upstream(upstream.uri())
                    .property("client.read-timeout", "PT60S")
                    .property("server.shutdown-grace-period", "PT" + GRACE.toSeconds() + "S"));
            upstream.awaitHeld(1, ServerProcess.START_LIMIT);

            server.terminate();
            server.awaitOutput(Pattern.compile("SIGTERM: stopping"), Duration.ofSeconds(10));
            assertThat(server.awaitExit(GRACE.plus(EXIT_MARGIN))).as("%s exited within %s of SIGTERM", server,
                                                                     GRACE.plus(EXIT_MARGIN)).isTrue();
            assertThat(server.exitCode()).isZero();
            assertThat(server.recording()).as("no recording was started, so none is written").doesNotExist();
            assertThat(server.stdout()).doesNotContain("loomscope is up");
        }
    }

    private static Answer call(ServerProcess server) {
        try (RawHttp connection = RawHttp.connect("127.0.0.1", server.port(), Duration.ofSeconds(30))) {
            connection.send(RawHttp.request("/"));
            RawHttp.Response response = connection.receive();
            long at = System.nanoTime();
            return new Answer(response.status(), at, connection.after(Duration.ofSeconds(15)), null);
        } catch (Exception e) {
            return new Answer(0, System.nanoTime(), null, e.toString());
        }
    }

    /**
     * What one client saw.
     *
     * @param status     HTTP status, 0 without an answer
     * @param answeredAt nanoTime of the complete answer
     * @param afterwards what the server did with the connection next
     * @param failure    the exception instead of an answer, or null
     */
    record Answer(int status, long answeredAt, RawHttp.After afterwards, String failure) {
    }
}
