package dev.loomscope.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public port's protocols as {@link ServerProtocols} sets them up from {@code server.protocols}: h2c by prior
 * knowledge and by Upgrade, HTTP/1.1's answers to bad input, the idle timeout of a connection that sends nothing, and
 * configured keys of both protocols taking effect.
 */
class PublicPortProtocolsTest {

    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(1);
    static final Duration IDLE_PERIOD = Duration.ofMillis(200);
    // Both differ from Helidon's defaults (4096 and 8192), so that a pass shows the configured value is used.
    static final int MAX_PROLOGUE_LENGTH = 100;
    static final int MAX_CONCURRENT_STREAMS = 7;

    // Built as Main builds it, not with @ServerTest: its service registry adds protocols of its own to the builder.
    private static WebServer server;

    @BeforeAll
    static void startTheServer() {
        Config protocols = Config.just(ConfigSources.create(Map.of(
                "server.protocols.http_1_1.max-prologue-length", String.valueOf(MAX_PROLOGUE_LENGTH),
                "server.protocols.http_2.max-concurrent-streams", String.valueOf(MAX_CONCURRENT_STREAMS))));
        WebServerConfig.Builder builder = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .idleConnectionTimeout(IDLE_TIMEOUT)
                .idleConnectionPeriod(IDLE_PERIOD)
                .routing(TestRouting::standard);
        ServerProtocols.configure(builder, protocols.get("server.protocols"),
                                  new HeaderTimeout(Duration.ofSeconds(10)));
        server = builder.build().start();
    }

    @AfterAll
    static void stopTheServer() {
        server.stop();
    }

    /** Could fail if Helidon sniffed the first bytes itself: no connection would exist for the idle timeout. */
    @Test
    void aConnectionThatSendsNothingIsClosedByTheIdleTimeout() throws IOException {
        try (Socket socket = connect()) {
            long start = System.nanoTime();
            Received received = receive(socket, Duration.ofSeconds(10));
            Duration open = Duration.ofNanos(System.nanoTime() - start);

            assertThat(received.closed()).as("closed by the server").isTrue();
            assertThat(received.bytes()).isEmpty();
            assertThat(open).isBetween(IDLE_TIMEOUT.minus(IDLE_PERIOD), IDLE_TIMEOUT.plusSeconds(3));
        }
    }

    /** Could fail if a line that is neither HTTP/1.1 nor the preface were refused by both protocols unanswered. */
    @Test
    void garbageGets400AndTheConnectionIsClosed() throws IOException {
        Received received = exchange("GARBAGE \u0000\u0001\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(received.text()).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("Connection: close\r\n");
        assertThat(received.closed()).isTrue();
    }

    /** Could fail if server.protocols.http_1_1 were ignored (Helidon's default max-prologue-length is 4096). */
    @Test
    void aRequestLineOverTheConfiguredMaxPrologueLengthGets414() throws IOException {
        String over = "GET /upstream?q=" + "a".repeat(MAX_PROLOGUE_LENGTH) + " HTTP/1.1\r\nHost: x\r\n\r\n";
        String under = "GET /upstream?q=a HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";

        assertThat(exchange(over.getBytes(StandardCharsets.US_ASCII)).text())
                .startsWith("HTTP/1.1 414 Request-URI Too Long\r\n");
        assertThat(exchange(under.getBytes(StandardCharsets.US_ASCII)).text()).startsWith("HTTP/1.1 200 OK\r\n");
    }

    /** Could fail if the preface went to HTTP/1.1, or if server.protocols.http_2 were ignored (Helidon: 8192). */
    @Test
    void thePrefaceIsServedAsHttp2WithTheConfiguredMaxConcurrentStreams() throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(SniffingConnection.PREFACE);
            // An empty SETTINGS frame: length 0, type 4, no flags, stream 0.
            socket.getOutputStream().write(new byte[] {0, 0, 0, 4, 0, 0, 0, 0, 0});
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            byte[] header = in.readNBytes(9);
            int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
            byte[] payload = in.readNBytes(length);

            assertThat(header[3]).as("type of the server's first frame (4: SETTINGS)").isEqualTo((byte) 4);
            assertThat(settings(payload)).containsEntry(3, (long) MAX_CONCURRENT_STREAMS);
        }
    }

    /** Could fail if the HTTP/1.1 side had lost its h2c upgrader. */
    @Test
    void upgradeH2cSwitchesProtocols() throws IOException {
        String upgrade = "GET /upstream HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\n"
                + "HTTP2-Settings: AAMAAABkAAQAoAAAAAIAAAAA\r\n\r\n";
        try (Socket socket = connect()) {
            socket.getOutputStream().write(upgrade.getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            byte[] head = socket.getInputStream().readNBytes("HTTP/1.1 101".length());

            assertThat(new String(head, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 101");
        }
    }

    private static Socket connect() throws IOException {
        return new Socket("127.0.0.1", server.port());
    }

    private static Received exchange(byte[] request) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(request);
            return receive(socket, Duration.ofSeconds(5));
        }
    }

    // Everything the server sends until it closes the connection or is silent for the wait.
    private static Received receive(Socket socket, Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
            }
            return new Received(bytes.toByteArray(), true);
        } catch (SocketTimeoutException e) {
            return new Received(bytes.toByteArray(), false);
        }
    }

    // SETTINGS payload: 6-byte entries, a 16-bit id and a 32-bit value.
    private static Map<Integer, Long> settings(byte[] payload) {
        Map<Integer, Long> settings = new java.util.HashMap<>();
        for (int i = 0; i + 6 <= payload.length; i += 6) {
            int id = (payload[i] & 0xff) << 8 | payload[i + 1] & 0xff;
            long value = (payload[i + 2] & 0xffL) << 24 | (payload[i + 3] & 0xff) << 16 | (payload[i + 4] & 0xff) << 8
                    | payload[i + 5] & 0xff;
            settings.put(id, value);
        }
        return settings;
    }

    private record Received(byte[] bytes, boolean closed) {
        String text() {
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }
}
