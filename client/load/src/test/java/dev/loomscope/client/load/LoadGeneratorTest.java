package dev.loomscope.client.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    // Generous: only a hang would reach it; no assertion depends on how fast this machine is.
    private static final Duration HANG_LIMIT = Duration.ofSeconds(60);

    @AutoClose
    private static final TestServer server = new TestServer();

    @Test
    void sendsExactlyTheRequestedNumberOfRequests() {
        long before = server.requests();

        LoadResult result = LoadGenerator.run(LoadOptions.builder(server.uri("/"))
                                                      .connections(8)
                                                      .requests(500)
                                                      .build());

        assertThat(result.requests()).isEqualTo(500);
        assertThat(server.requests() - before).isEqualTo(500);
        assertThat(result.statusCounts()).isEqualTo(Map.of(200, 500L));
        assertThat(result.errors()).isEmpty();
        assertThat(result.unfinished()).isZero();
        assertThat(result.requestsPerSecond()).isPositive();
        assertThat(result.latencyMicros(50)).isPositive().isLessThanOrEqualTo(result.maxLatencyMicros());
    }

    @Test
    void countsOnlyRequestsAfterTheWarmup() {
        long before = server.requests();

        LoadResult result = LoadGenerator.run(LoadOptions.builder(server.uri("/slow"))
                                                      .connections(2)
                                                      .warmup(Duration.ofMillis(300))
                                                      .requests(10)
                                                      .build());

        assertThat(result.requests()).isEqualTo(10);
        // Each connection sends at least one warm-up request before 300 ms are over.
        assertThat(server.requests() - before).isGreaterThanOrEqualTo(12);
    }

    @Test
    void keepsOneKeepAliveConnectionPerUser() {
        try (TestServer own = new TestServer()) {
            LoadResult result = LoadGenerator.run(LoadOptions.builder(own.uri("/"))
                                                          .connections(4)
                                                          .requests(400)
                                                          .build());

            assertThat(result.requests()).isEqualTo(400);
            assertThat(own.connections()).isEqualTo(4);
        }
    }

    @Test
    void onH2cTheStreamsOfEachConnectionShareOneTcpConnection() {
        try (TestServer own = new TestServer()) {
            LoadResult result = LoadGenerator.run(LoadOptions.builder(own.uri("/slow"))
                                                          .protocol("h2c")
                                                          .connections(2)
                                                          .streams(8)
                                                          .requests(160)
                                                          .build());

            assertThat(result.requests()).isEqualTo(160);
            assertThat(result.statusCounts()).containsOnlyKeys(200);
            assertThat(own.connections()).isEqualTo(2);
            // 16 streams of a 50 ms answer at once: 160 requests in about 10 rounds, not 80 of one per connection.
            assertThat(result.elapsed()).isLessThan(Duration.ofMillis(80 * TestServer.SLOW_MILLIS / 2));
        }
    }

    @Test
    void holdsTheOpenLoopRateOnH2c() {
        LoadResult result = LoadGenerator.run(LoadOptions.builder(server.uri("/"))
                                                      .protocol("h2c")
                                                      .connections(1)
                                                      .streams(16)
                                                      .rate(200)
                                                      // The connection opens with the first stream: not measured.
                                                      .warmup(Duration.ofSeconds(1))
                                                      .duration(Duration.ofSeconds(2))
                                                      .build());

        assertThat(result.requests()).isBetween(300L, 400L);
        assertThat(result.requestsPerSecond()).isBetween(150.0, 200.0);
    }

    @Test
    void stopsAtTheDuration() {
        LoadResult result = assertTimeoutPreemptively(HANG_LIMIT, () -> LoadGenerator.run(
                LoadOptions.builder(server.uri("/")).connections(4).duration(Duration.ofMillis(800)).build()));

        assertThat(result.elapsed()).isEqualTo(Duration.ofMillis(800));
        assertThat(result.requests()).isPositive();
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void stopsAtTheDurationWhenTheServerNeverAnswersAndCountsItsRequestsAsUnfinished() {
        LoadResult result = assertTimeoutPreemptively(HANG_LIMIT, () -> LoadGenerator.run(
                LoadOptions.builder(server.uri("/hang"))
                        .connections(3)
                        .duration(Duration.ofMillis(500))
                        .timeout(Duration.ofMinutes(5))
                        .build()));

        // Each connection's one request was still waiting when the run ended: not answered, and not the server's
        // error either, but not lost: unfinished.
        assertThat(result.requests()).isZero();
        assertThat(result.errors()).isEmpty();
        assertThat(result.errorCount()).isZero();
        assertThat(result.unfinished()).isEqualTo(3);
    }

    @Test
    void countsRequestsSentInTheWarmupAndStillWaitingAtTheEndAsUnfinished() {
        LoadResult result = assertTimeoutPreemptively(HANG_LIMIT, () -> LoadGenerator.run(
                LoadOptions.builder(server.uri("/hang"))
                        .connections(2)
                        .warmup(Duration.ofMillis(300))
                        .duration(Duration.ofMillis(300))
                        .timeout(Duration.ofMinutes(5))
                        .build()));

        assertThat(result.requests()).isZero();
        assertThat(result.unfinished()).isEqualTo(2);
    }

    @Test
    void showsRequestsInFlightInTheProgress() {
        List<Progress> progress = new ArrayList<>();

        assertTimeoutPreemptively(HANG_LIMIT, () -> LoadGenerator.run(
                LoadOptions.builder(server.uri("/hang"))
                        .connections(2)
                        .duration(Duration.ofMillis(1500))
                        .timeout(Duration.ofMinutes(5))
                        .build(),
                progress::add));

        assertThat(progress).isNotEmpty().allSatisfy(p -> assertThat(p.inFlight()).isEqualTo(2));
    }

    @Test
    void countsReadTimeoutsWhenTheServerHangs() {
        LoadResult result = assertTimeoutPreemptively(HANG_LIMIT, () -> LoadGenerator.run(
                LoadOptions.builder(server.uri("/hang"))
                        .connections(2)
                        .requests(4)
                        .timeout(Duration.ofMillis(200))
                        .build()));

        assertThat(result.requests()).isZero();
        assertThat(result.errors()).isEqualTo(Map.of("timeout", 4L));
        assertThat(result.unfinished()).isZero();
    }

    @Test
    void answersEveryRequestOfTwoThousandConnectionsToASlowServerWithoutErrors() {
        // More connections than the server's accept backlog (Helidon's default is 1024) connect at once: the ones
        // past it retry their SYN and still connect, well within the timeout.
        try (TestServer own = new TestServer()) {
            LoadResult result = assertTimeoutPreemptively(HANG_LIMIT, () -> LoadGenerator.run(
                    LoadOptions.builder(own.uri("/slow")).connections(2000).requests(6000).build()));

            assertThat(result.errors()).isEmpty();
            assertThat(result.requests()).isEqualTo(6000);
            assertThat(result.statusCounts()).isEqualTo(Map.of(200, 6000L));
            assertThat(own.connections()).isEqualTo(2000);
        }
    }

    @Test
    void countsConnectionsTheServerNeverServesAsTimeouts() {
        // The S3 errors: a server capped at fewer connections than the load leaves the extra ones in its accept
        // backlog, connected but never read. Their requests time out, again after each reconnect; wrk 4.1 counts
        // a timeout only for an answer that comes late, so it shows none of them.
        try (TestServer capped = new TestServer(4)) {
            LoadResult result = assertTimeoutPreemptively(HANG_LIMIT, () -> LoadGenerator.run(
                    LoadOptions.builder(capped.uri("/slow"))
                            .connections(6)
                            .duration(Duration.ofMillis(1200))
                            .timeout(Duration.ofMillis(300))
                            .build()));

            assertThat(result.statusCounts()).containsOnlyKeys(200);
            assertThat(result.errors()).containsOnlyKeys("timeout");
            // Each of the two unserved connections times out at least twice in the 1.2 s.
            assertThat(result.errors().get("timeout")).isGreaterThanOrEqualTo(4);
            assertThat(result.requests()).isPositive();
        }
    }

    @Test
    void countsRefusedConnectionsByKind() throws Exception {
        URI nobody = TestServer.refusingUri();

        LoadResult result = LoadGenerator.run(LoadOptions.builder(nobody).connections(4).requests(40).build());

        assertThat(result.requests()).isZero();
        assertThat(result.errors()).isEqualTo(Map.of("refused", 40L));
        assertThat(result.errorCount()).isEqualTo(40);
    }

    @Test
    void countsConnectionsTheServerDropsAsClosed() throws Exception {
        try (DroppingServer dropping = new DroppingServer()) {
            LoadResult result = LoadGenerator.run(LoadOptions.builder(dropping.uri()).connections(2).requests(20).build());

            assertThat(result.requests()).isZero();
            assertThat(result.errors()).isEqualTo(Map.of("closed", 20L));
        }
    }

    @Test
    void countsAnswersByStatusCode() {
        LoadResult result = LoadGenerator.run(LoadOptions.builder(server.uri("/missing"))
                                                      .connections(2)
                                                      .requests(30)
                                                      .build());

        assertThat(result.statusCounts()).isEqualTo(Map.of(404, 30L));
        assertThat(result.errors()).isEmpty();
    }

    @Test
    void holdsTheOpenLoopRateCloseToTheTarget() {
        LoadResult result = LoadGenerator.run(LoadOptions.builder(server.uri("/"))
                                                      .connections(4)
                                                      .rate(200)
                                                      .duration(Duration.ofSeconds(2))
                                                      .build());

        // 400 requests are due in the 2 s; none is sent early, and a quick server answers nearly all in time.
        assertThat(result.requests()).isBetween(300L, 400L);
        assertThat(result.requestsPerSecond()).isBetween(150.0, 200.0);
    }

    @Test
    void measuresOpenLoopLatencyFromTheDueTime() {
        // One connection can do at most 20 requests/s against /slow: asked for 100/s, it falls further behind with
        // every request, and the latencies must show the waiting, not only the server's 50 ms.
        LoadResult result = LoadGenerator.run(LoadOptions.builder(server.uri("/slow"))
                                                      .connections(1)
                                                      .rate(100)
                                                      .duration(Duration.ofSeconds(1))
                                                      .build());

        assertThat(result.requests()).isBetween(1L, 20L);
        assertThat(result.maxLatencyMicros()).isGreaterThan(4 * TestServer.SLOW_MILLIS * 1000);
    }

    @Test
    void countsOpenLoopRequestsDueButNeverSentAsMissed() {
        // 100 requests are due in the second; one connection against /slow sends at most 20 of them. Every due
        // request must show somewhere: answered, failed, unfinished or missed.
        LoadResult result = LoadGenerator.run(LoadOptions.builder(server.uri("/slow"))
                                                      .connections(1)
                                                      .rate(100)
                                                      .duration(Duration.ofSeconds(1))
                                                      .build());

        assertThat(result.missed()).isGreaterThanOrEqualTo(50);
        assertThat(result.requests() + result.errorCount() + result.unfinished() + result.missed()).isEqualTo(100);
    }

    @Test
    void missesNothingInAClosedLoopOrWhenTheServerKeepsUp() {
        LoadResult closed = LoadGenerator.run(LoadOptions.builder(server.uri("/slow")).connections(1).requests(5).build());
        LoadResult open = LoadGenerator.run(LoadOptions.builder(server.uri("/")).connections(4).rate(100)
                                                    .duration(Duration.ofMillis(500)).build());

        assertThat(closed.missed()).isZero();
        assertThat(open.missed()).isZero();
        assertThat(open.requests() + open.unfinished()).isEqualTo(50);
    }

    @Test
    void reportsProgressEverySecond() {
        List<Progress> progress = new ArrayList<>();

        LoadGenerator.run(LoadOptions.builder(server.uri("/")).connections(2).duration(Duration.ofMillis(2500)).build(),
                          progress::add);

        // One line per whole second of the 2.5 s; a machine stalled for over a second may merge two.
        assertThat(progress).hasSizeBetween(1, 2);
        assertThat(progress.getFirst().second()).isPositive();
        assertThat(progress).extracting(Progress::second).isSorted().doesNotHaveDuplicates();
        assertThat(progress).allSatisfy(p -> assertThat(p.requestsPerSecond()).isPositive());
    }
}
