package dev.loomscope.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.loomscope.client.load.LoadResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** An upstream process killed under load, then started again on the same port, while the server keeps running. */
class UpstreamOutageTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final Duration LOAD_TIME = Duration.ofSeconds(4);

    /**
     * Could fail if an outage showed as anything but 502 (a 500, a hang, a reset counted as an error), if the
     * server became unhealthy, if requests kept failing once the upstream was back, or if the recording's call
     * outcomes disagreed with the statuses.
     */
    @Test
    void upstreamKilledMidRunGives502sThenRequestsSucceedAgainWhenItReturnsOnTheSamePort() throws Exception {
        ServerProcess upstream = PROCESSES.start("upstream", ServerProcess.Options.defaults().withoutRecording());
        int upstreamPort = upstream.port();
        ServerProcess server = PROCESSES.start("server", ServerProcess.Options.defaults().upstream(upstream));
        Path log = server.directory().resolve("load.log");

        LoadResult during;
        try (ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch answering = new CountDownLatch(1);
            Future<LoadResult> load = background.submit(() -> Loads.during(
                    log, server.uri("/?delayMs=10"), 4, LOAD_TIME, progress -> {
                        if (progress.requestsPerSecond() > 0) {
                            answering.countDown();
                        }
                    }));
            assertThat(answering.await(30, TimeUnit.SECONDS)).as("the load got answers").isTrue();
            upstream.kill();

            RawHttp.Response outage = RawHttp.get("127.0.0.1", server.port(), "/", Duration.ofSeconds(10));
            assertThat(outage.status()).isEqualTo(502);
            assertThat(outage.header("content-type")).startsWith("application/json");
            assertThat(outage.body()).contains("\"status\":502");
            Problems.assertNoStackTrace(outage.body());
            during = load.get(30, TimeUnit.SECONDS);
        }
        assertThat(during.errors()).as("connection-level errors: the server must answer, not drop").isEmpty();
        assertThat(during.statusCounts().keySet()).as("statuses during the outage").containsOnly(200, 502);
        assertThat(server.healthy()).as("server health during the outage").isTrue();

        PROCESSES.start("upstream", ServerProcess.Options.defaults().withoutRecording().port(upstreamPort));
        LoadResult after = Loads.requests(log, server.uri("/"), 4, 200);
        assertThat(after.errors()).isEmpty();
        assertThat(after.statusCounts()).as("statuses once the upstream is back").isEqualTo(Map.of(200, 200L));

        assertThat(server.stop(ServerProcess.STOP_LIMIT)).isZero();
        Recorded recorded = Recorded.read(server.recording());
        long failedCalls = recorded.calls.stream().filter(c -> !"ok".equals(c.outcome())).count();
        long badGateways = recorded.requests.stream().filter(r -> r.status() == 502).count();
        assertThat(failedCalls).as("failed client calls = 502 answers").isEqualTo(badGateways)
                .isGreaterThanOrEqualTo(during.statusCounts().get(502) + 1);
        assertThat(recorded.calls.stream().filter(c -> !"ok".equals(c.outcome())).map(Recorded.Call::outcome).distinct())
                .as("outcomes of failed calls").containsAnyOf("refused");
        System.out.printf("outage: load %s; after restart %s; %d failed calls recorded%n", during.statusCounts(),
                          after.statusCounts(), failedCalls);
    }
}
