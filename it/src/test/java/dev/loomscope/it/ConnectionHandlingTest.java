package dev.loomscope.it;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** What the server does with a connection besides answering on it: closing it when asked to, or when it is silent. */
class ConnectionHandlingTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    // application.yaml: idle-connection-timeout PT20S, checked every idle-connection-period PT2S.
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(20);
    static final Duration IDLE_PERIOD = Duration.ofSeconds(2);
    static final Duration MARGIN = Duration.ofSeconds(2);
    // application.yaml: app.header-timeout PT10S.
    static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

    private static ServerProcess server;

    @BeforeAll
    static void startAServerWithTheDefaultConfiguration() throws Exception {
        server = PROCESSES.start("server", ServerProcess.Options.defaults().withoutRecording());
    }

    /** Could fail if the server left the connection open after promising to close it (helidon-io/helidon#12324). */
    @Test
    void aRequestThatSaysConnectionCloseIsAnsweredThenTheConnectionCloses() throws Exception {
        try (RawHttp http = RawHttp.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            http.send(("GET /upstream HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").getBytes());
            RawHttp.Response response = http.receive();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("connection")).isEqualTo("close");
            assertThat(http.after(Duration.ofSeconds(3))).as("the connection after the answer")
                    .isEqualTo(RawHttp.After.CLOSED);
        }
    }

    /** Could fail if a silent connection stayed open (Helidon's default idle timeout is five minutes) or closed early. */
    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() throws Exception {
        try (RawHttp http = RawHttp.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            long start = System.nanoTime();
            RawHttp.After after = http.after(IDLE_TIMEOUT.plus(IDLE_PERIOD).plus(MARGIN));
            Duration open = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("a silent connection was closed after %d ms%n", open.toMillis());

            assertThat(after).as("the silent connection").isEqualTo(RawHttp.After.CLOSED);
            assertThat(open).as("time it stayed open").isGreaterThanOrEqualTo(IDLE_TIMEOUT.minus(IDLE_PERIOD));
        }
    }

    /**
     * Could fail if a request whose headers never end held its connection (Helidon's idle timeout does not cover
     * it: the connection is not waiting for a request line) or if the limit cut it early.
     */
    @Test
    void aRequestWhoseHeadersNeverEndIsClosedAfterTheHeaderTimeout() throws Exception {
        try (RawHttp http = RawHttp.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
            http.send("GET /upstream HTTP/1.1\r\nHost: 127.0.0.1\r\n".getBytes());
            long start = System.nanoTime();
            RawHttp.After after = http.after(HEADER_TIMEOUT.plus(IDLE_TIMEOUT).plus(MARGIN));
            Duration open = Duration.ofNanos(System.nanoTime() - start);
            System.out.printf("a request without the end of its headers was closed after %d ms%n", open.toMillis());

            assertThat(after).as("the connection").isEqualTo(RawHttp.After.CLOSED);
            assertThat(open).as("time it stayed open").isBetween(HEADER_TIMEOUT.minusMillis(100),
                                                                  HEADER_TIMEOUT.plus(MARGIN));
        }
    }
}
