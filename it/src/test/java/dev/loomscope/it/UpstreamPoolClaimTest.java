package dev.loomscope.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * At S3 scale, 5000 requests to {@code /} at once through an upstream that takes 100 ms, the upstream pool neither
 * fails a request nor churns: it opens at most max-connections-per-upstream connections over both bursts, queues the
 * other calls until one comes free, and closes none of them, so the second burst reuses every connection the first
 * one opened (it may open more up to the bound when the first burst, on a slow machine, needed fewer).
 */
@Timeout(60)
class UpstreamPoolClaimTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    private static final int BURST = 5000;
    private static final int BOUND = 1000;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);
    // File descriptors: the test JVM holds 5000 client and 1000 upstream sockets, the server 5000 + 1000.
    private static final int FILES_NEEDED = 2 * (BURST + BOUND) + 1000;

    /** Could fail if open connections were not bounded (over 1000 accepted), or if idle ones were closed and reopened. */
    @Test
    void fiveThousandConcurrentHopsSucceedOnAtMostTheBoundOfUpstreamConnectionsAndNoneIsClosedBetweenBursts()
            throws Exception {
        assumeThat(openFileLimit()).as("this JVM's open-file limit (ulimit -n)").isGreaterThanOrEqualTo(FILES_NEEDED);
        try (CountingUpstream upstream = new CountingUpstream(Duration.ofMillis(100))) {
            ServerProcess server = PROCESSES.start("server", ServerProcess.Options.defaults()
                    .withoutRecording()
                    .fileLimit(FILES_NEEDED)
                    .upstream(upstream.uri())
                    .property("app.warm-up.enabled", false)
                    // All 5000 client connections at once (the default 4096 would hold the rest in the backlog).
                    .property("server.max-tcp-connections", BURST + 100)
                    .property("server.backlog", 4096)
                    .property("client.max-connections-per-upstream", BOUND)
                    // Helidon's cap on idle connections, below the bound: it must not close what the next burst needs.
                    .property("client.connection-cache-size", 256)
                    // The queue drains at this machine's pace; the claim is about churn, not the wait timeout.
                    .property("client.connection-wait-timeout", "PT30S"));

            Map<Integer, Integer> first = burst(server);
            int acceptedAfterFirst = upstream.accepted();
            Map<Integer, Integer> second = burst(server);
            System.out.println("first burst " + first + ", second " + second + "; upstream connections accepted "
                                       + acceptedAfterFirst + " then " + upstream.accepted() + ", answers "
                                       + upstream.answered());

            assertThat(first).isEqualTo(Map.of(200, BURST));
            assertThat(second).isEqualTo(Map.of(200, BURST));
            assertThat(acceptedAfterFirst).isLessThanOrEqualTo(BOUND);
            assertThat(upstream.accepted()).as("connections opened by both bursts").isLessThanOrEqualTo(BOUND);
            assertThat(upstream.closedByCaller()).as("upstream connections the pool closed").isZero();
            assertThat(upstream.answered()).isGreaterThanOrEqualTo(2 * BURST);
            server.assertStillServing(CLIENT_TIMEOUT);
        }
    }

    // BURST GETs of / at once, each on its own connection; statuses and their counts, -1 for a request that failed.
    private static Map<Integer, Integer> burst(ServerProcess server) throws Exception {
        Map<Integer, Integer> statuses = new TreeMap<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> replies = new ArrayList<>(BURST);
            for (int i = 0; i < BURST; i++) {
                replies.add(clients.submit(() -> status(server)));
            }
            for (Future<Integer> reply : replies) {
                statuses.merge(reply.get(), 1, Integer::sum);
            }
        }
        return statuses;
    }

    private static int status(ServerProcess server) {
        try {
            return RawHttp.get("127.0.0.1", server.port(), "/?delayMs=0&bytes=10", CLIENT_TIMEOUT).status();
        } catch (IOException e) {
            return -1;
        }
    }

    // The soft limit on open files of this process, from /proc/self/limits (HotSpot raises it to the hard limit).
    private static long openFileLimit() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
            if (line.startsWith("Max open files")) {
                return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[0]);
            }
        }
        return 0;
    }
}
