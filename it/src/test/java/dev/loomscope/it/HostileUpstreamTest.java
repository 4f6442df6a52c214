package dev.loomscope.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.loomscope.server.HostileUpstream;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged server against an upstream that lies about its size, floods, trickles or is not HTTP: every call ends
 * within its limits with a plain-words 502 or 504, and the server stays healthy.
 */
class HostileUpstreamTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    static final Duration WAIT = Duration.ofSeconds(20);
    static final int CLAIMS_2_GB = 1;
    static final int SENDS_20_MB = 2;
    static final int TRICKLES = 3;
    static final int NOT_HTTP = 4;

    private static HostileUpstream upstream;
    private static ServerProcess server;

    @BeforeAll
    static void startAServerWithAHostileUpstream() throws Exception {
        upstream = new HostileUpstream(Map.of(
                CLAIMS_2_GB, out -> HostileUpstream.claimAndFlood(out, 2_000_000_000L),
                SENDS_20_MB, out -> HostileUpstream.claimAndFlood(out, 20L << 20),
                TRICKLES, HostileUpstream::trickle,
                NOT_HTTP, out -> HostileUpstream.write(out, "SSH-2.0-OpenSSH_9.6\r\n\r\n")));
        server = PROCESSES.start("server", ServerProcess.Options.defaults().withoutRecording()
                .upstream(upstream.uri().toString())
                .property("app.warm-up.enabled", false)
                .property("client.call-timeout", "PT" + CALL_TIMEOUT.toSeconds() + "S"));
    }

    @AfterAll
    static void stopTheUpstream() throws Exception {
        if (upstream != null) {
            upstream.close();
        }
    }

    /** Could fail if the server died or was left unhealthy by the test before. */
    @AfterEach
    void serverIsStillHealthyAndServing() throws Exception {
        server.assertStillServing(WAIT);
    }

    /** Could fail if a body were buffered from its claimed length (an OutOfMemoryError, a 500) or read to its end. */
    @Test
    void sixConcurrentCallsToAnUpstreamClaiming2GbGet502AtOnce() throws Exception {
        long start = System.nanoTime();
        List<RawHttp.Response> responses = concurrently(6, "/?bytes=" + CLAIMS_2_GB);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("6 calls to an upstream claiming 2 GB: 502 after %d ms%n", took.toMillis());

        for (RawHttp.Response response : responses) {
            assertThat(response.status()).as(response.body()).isEqualTo(502);
            assertThat(response.body()).contains("\"detail\":\"the upstream's answer exceeded 1088 KiB\"");
            Problems.assertNoStackTrace(response.body());
        }
        assertThat(took).isLessThan(Duration.ofSeconds(5));
    }

    /** Could fail if a 20 MB body were read whole before being refused, or accepted. */
    @Test
    void aTwentyMegabyteBodyIsA502() throws Exception {
        RawHttp.Response response = RawHttp.get("127.0.0.1", server.port(), "/?bytes=" + SENDS_20_MB, WAIT);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.body()).contains("\"failure\":\"too-large\"");
    }

    /** Could fail if only the per-read timeout applied: the trickle would hold the request for ever. */
    @Test
    void anUpstreamTricklingBytesGets504AtTheCallDeadline() throws Exception {
        long start = System.nanoTime();
        RawHttp.Response response = RawHttp.get("127.0.0.1", server.port(), "/?bytes=" + TRICKLES, WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("trickling upstream: 504 after %d ms (call timeout %d ms)%n", took.toMillis(),
                          CALL_TIMEOUT.toMillis());

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.body()).contains("\"detail\":\"the upstream did not answer within 2 s\"");
        assertThat(took).isBetween(CALL_TIMEOUT, CALL_TIMEOUT.plusMillis(1500));
    }

    /** Could fail if Helidon's exception text or the upstream's address reached the client. */
    @Test
    void anAnswerThatIsNotHttpIsA502InPlainWords() throws Exception {
        RawHttp.Response response = RawHttp.get("127.0.0.1", server.port(), "/?bytes=" + NOT_HTTP, WAIT);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.body()).contains("\"detail\":\"the upstream's answer was not HTTP\"")
                .doesNotContain(String.valueOf(upstream.port())).doesNotContain("IllegalStateException");
        Problems.assertNoStackTrace(response.body());
    }

    private static List<RawHttp.Response> concurrently(int count, String path) throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(clients.submit(() -> RawHttp.get("127.0.0.1", server.port(), path, WAIT)));
            }
            List<RawHttp.Response> responses = new ArrayList<>();
            for (Future<RawHttp.Response> future : futures) {
                responses.add(future.get());
            }
            return responses;
        }
    }
}
