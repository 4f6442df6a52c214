package dev.loomscope.it;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.loomscope.client.load.LoadResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults and bad input against one server: an upstream slower than the read timeout, more requests than
 * {@code max-concurrent-requests}, and bytes that are not a valid request. Each test ends with the server still
 * healthy and serving; every answer is what Helidon 4.5.0 was seen to send, asserted exactly.
 */
class BadInputAndLimitsTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    static final Duration TIMEOUT_MARGIN = Duration.ofMillis(600);
    static final int MAX_CONCURRENT = 16;
    static final Duration WAIT = Duration.ofSeconds(5);

    private static HeldUpstream upstream;
    private static ServerProcess server;

    @BeforeAll
    static void startAServerWhoseUpstreamNeverAnswers() throws Exception {
        upstream = new HeldUpstream();
        server = PROCESSES.start("server", ServerProcess.Options.defaults().withoutRecording()
                .upstream(upstream.uri())
                // The held upstream would hold the server's warm-up calls too.
                .property("app.warm-up.enabled", false)
                .property("client.read-timeout", "PT" + READ_TIMEOUT.toSeconds() + "S")
                .property("server.max-concurrent-requests", MAX_CONCURRENT));
    }

    @AfterAll
    static void releaseTheUpstream() {
        if (upstream != null) {
            upstream.close();
        }
    }

    /** Could fail if the server died, stopped answering, or was left unhealthy by the test before. */
    @AfterEach
    void serverIsStillHealthyAndServing() throws Exception {
        server.assertStillServing(WAIT);
    }

    /** Could fail if the read timeout were not applied (a 3 s wait), fired early, or mapped to another status. */
    @Test
    void upstreamSlowerThanTheReadTimeoutGets504WithinTheTimeout() throws Exception {
        // The first call of a fresh server also loads the client's classes; time the second.
        Duration cold = timeTo504();
        Duration warm = timeTo504();
        System.out.printf("504 after %d ms cold, %d ms warm (read timeout %d ms)%n", cold.toMillis(), warm.toMillis(),
                          READ_TIMEOUT.toMillis());
        assertThat(warm).as("time to the 504").isBetween(READ_TIMEOUT, READ_TIMEOUT.plus(TIMEOUT_MARGIN));
    }

    private static Duration timeTo504() throws Exception {
        long start = System.nanoTime();
        RawHttp.Response response = RawHttp.get("127.0.0.1", server.port(), "/?delayMs=3000", WAIT);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(response.status()).isEqualTo(504);
        assertThat(response.body()).contains("\"failure\":\"timeout\"");
        Problems.assertNoStackTrace(response.body());
        return took;
    }

    /**
     * Could fail if the limit let more requests in, answered the extra ones with something else than 503, or if
     * the held requests or the requests after them failed.
     */
    @Test
    void requestsOverTheConcurrencyLimitGet503AndTheServerRecoversWhenLoadDrops() throws Exception {
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Response>> held = new ArrayList<>();
            for (int i = 0; i < MAX_CONCURRENT; i++) {
                held.add(clients.submit(() -> RawHttp.get("127.0.0.1", server.port(), "/upstream?delayMs=2000",
                                                          WAIT)));
            }
            // Until all permits are taken, probes are answered 200 at once; the first 503 says they are. A probe
            // holds a permit too, so on a slow machine a held request that arrives during one is the one refused.
            RawHttp.Response[] rejected = new RawHttp.Response[1];
            RawHttp.After[] afterwards = new RawHttp.After[1];
            Await.until(Duration.ofSeconds(10), "a 503 while " + MAX_CONCURRENT + " requests are held", () -> {
                for (Future<RawHttp.Response> request : held) {
                    if (request.isDone() && request.resultNow().status() == 503) {
                        rejected[0] = request.resultNow();
                        return true;
                    }
                }
                try (RawHttp probe = RawHttp.connect("127.0.0.1", server.port(), WAIT)) {
                    probe.send(RawHttp.request("/upstream"));
                    rejected[0] = probe.receive();
                    assertThat(rejected[0].status()).isIn(200, 503);
                    if (rejected[0].status() == 503) {
                        afterwards[0] = probe.after(Duration.ofSeconds(1));
                    }
                }
                return rejected[0].status() == 503;
            });
            assertThat(rejected[0].header("connection")).isEqualTo("close");
            Problems.assertNoStackTrace(rejected[0].body());
            System.out.printf("503 over the limit: Connection: close, body '%s'; connection afterwards: %s%n",
                              rejected[0].body(), afterwards[0] == null ? "(a held request was refused)"
                                                                         : afterwards[0]);
            int answered = 0;
            for (Future<RawHttp.Response> request : held) {
                int status = request.get(10, TimeUnit.SECONDS).status();
                assertThat(status).as("a held request").isIn(200, 503);
                answered += status == 200 ? 1 : 0;
            }
            assertThat(answered).as("held requests answered 200").isPositive();
        }
        assertThat(RawHttp.get("127.0.0.1", server.port(), "/upstream", WAIT).status()).isEqualTo(200);
    }

    /** The same through the load generator: 503s counted under overload, none once the load drops. */
    @Test
    void loadOverTheLimitCounts503sAndNoneOnceItDrops() throws Exception {
        java.nio.file.Path log = server.directory().resolve("load.log");
        // Bounded by a count, not a time: on a busy machine a short timed run can end before its first answer.
        LoadResult over = Loads.requests(log, server.uri("/upstream?delayMs=100"), MAX_CONCURRENT * 3, 480);
        assertThat(over.errors()).isEmpty();
        assertThat(over.statusCounts().keySet()).containsOnly(200, 503);
        LoadResult under = Loads.requests(log, server.uri("/upstream?delayMs=10"), MAX_CONCURRENT / 4, 200);
        assertThat(under.errors()).isEmpty();
        assertThat(under.statusCounts()).isEqualTo(Map.of(200, 200L));
        System.out.printf("over the limit: %s; under: %s%n", over.statusCounts(), under.statusCounts());
    }

    /** Could fail if a bad parameter reached the handler's arithmetic (a 500) or leaked an exception. */
    @Test
    void badParameterGets400ProblemNamingIt() throws Exception {
        RawHttp.Response response = RawHttp.get("127.0.0.1", server.port(), "/?delayMs=soon", WAIT);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"delayMs\"");
        Problems.assertNoStackTrace(response.body());
    }

    @Test
    void garbageRequestLineGets400AndTheConnectionIsClosed() throws Exception {
        RawHttp.Received received = exchange("GARBAGE \u0000\u0001\u00ff\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), false);
        assertThat(received.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n")
                .endsWith("Content-Length: 0\r\n\r\n");
        assertThat(received.after()).isEqualTo(RawHttp.After.CLOSED);
    }

    @Test
    void randomBytesLongerThanARequestLineGet400AndTheConnectionIsClosed() throws Exception {
        byte[] noise = new byte[10_000];
        new Random(5).nextBytes(noise);
        RawHttp.Received received = exchange(noise, false);
        assertThat(received.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
        assertThat(received.after()).isEqualTo(RawHttp.After.CLOSED);
    }

    /** Helidon waits for a line end; once the client stops sending, it closes without a word. */
    @Test
    void tlsHandshakeOnThePlainPortIsClosedWithoutAnAnswer() throws Exception {
        byte[] clientHello = new byte[517];
        byte[] start = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, (byte) 0xfc, 0x03, 0x03};
        System.arraycopy(start, 0, clientHello, 0, start.length);
        RawHttp.Received received = exchange(clientHello, true);
        assertThat(received.text()).isEmpty();
        assertThat(received.after()).isEqualTo(RawHttp.After.CLOSED);
    }

    @Test
    void requestLineOverTheLimitGets414AndTheConnectionIsClosed() throws Exception {
        RawHttp.Received received = exchange(RawHttp.request("/" + "a".repeat(10_000)), false);
        assertThat(received.text()).startsWith("HTTP/1.1 414 Request-URI Too Long\r\n").contains("Connection: close\r\n");
        assertThat(received.after()).isEqualTo(RawHttp.After.CLOSED);
    }

    @Test
    void hugeQueryStringGets414AndTheConnectionIsClosed() throws Exception {
        RawHttp.Received received = exchange(RawHttp.request("/upstream?" + "q=1&".repeat(5_000)), false);
        assertThat(received.text()).startsWith("HTTP/1.1 414 Request-URI Too Long\r\n").contains("Connection: close\r\n");
        assertThat(received.after()).isEqualTo(RawHttp.After.CLOSED);
    }

    /** Helidon answers 400, not 431, when the headers pass max-headers-size (16 KiB). */
    @Test
    void oversizedHeadersGet400AndTheConnectionIsClosed() throws Exception {
        byte[] request = ("GET /upstream HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        RawHttp.Received received = exchange(request, false);
        assertThat(received.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
        assertThat(received.after()).isEqualTo(RawHttp.After.CLOSED);
    }

    // Sends the bytes on a fresh connection and reads until the server closes it, for at most WAIT.
    private static RawHttp.Received exchange(byte[] bytes, boolean thenStopSending) throws Exception {
        try (RawHttp connection = RawHttp.connect("127.0.0.1", server.port(), WAIT)) {
            connection.send(bytes);
            if (thenStopSending) {
                connection.finishSending();
            }
            return connection.readAll(WAIT);
        }
    }
}
