package dev.loomscope.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import dev.loomscope.it.RawH2.Frame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad HTTP/2 input, each case driven with raw frames over a socket against the packaged server, and what RFC 9113
 * asks of it. Where Helidon 4.5 does something else, the test's name says what it does. After every case a new
 * connection is still served, and at the end the server's log holds no stack trace.
 */
class Http2BadInputTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final Duration READ = Duration.ofSeconds(10);
    // server.protocols.http_2 in application.yaml, set here so the test does not depend on the defaults.
    static final int MAX_STREAMS = 20;
    static final int MAX_FRAME = 16_384;
    static final int MAX_HEADER_LIST = 8_192;
    static final int FLOOD = 3_000;

    private static ServerProcess server;

    @BeforeAll
    static void startServer() throws Exception {
        server = PROCESSES.start("server", ServerProcess.Options.defaults().withoutRecording()
                .property("server.protocols.http_2.max-concurrent-streams", MAX_STREAMS)
                .property("server.protocols.http_2.max-frame-size", MAX_FRAME)
                .property("server.protocols.http_2.max-header-list-size", MAX_HEADER_LIST));
    }

    @AfterEach
    void otherConnectionsAreStillServed() throws IOException {
        try (RawH2 other = RawH2.connect(server.port(), READ).open()) {
            other.get(1, "/upstream", true);
            Frame answer = other.until(RawH2.HEADERS, 1);
            assertThat(answer).as("answer on a new connection").isNotNull();
            assertThat(answer.isHeadersWithStatus200()).as(":status 200 on a new connection").isTrue();
        }
        server.assertStillServing(READ);
    }

    /** Bad input of every kind, and not one stack trace or exception in the server's log. */
    @AfterAll
    static void noStackTraceInTheServersLog() throws IOException {
        assertThat(log()).doesNotContain("\tat ").doesNotContainIgnoringCase("exception");
    }

    private static String log() throws IOException {
        return Files.readString(server.directory().resolve("stdout.log"), StandardCharsets.UTF_8) + server.stderr();
    }

    /**
     * RFC 9113 section 3.4: an invalid preface is a connection error PROTOCOL_ERROR (the GOAWAY may be omitted). The
     * bytes stop being the preface, so loomscope's selector hands them to HTTP/1.1, which answers its 400 and closes
     * the connection. Could fail if the connection were held open waiting for more (Helidon's own two selectors do
     * that, and log a stack trace when the client leaves).
     */
    @Test
    void aBadConnectionPrefaceIsClosedAfterHttp11s400WithoutAStackTrace() throws Exception {
        try (RawH2 h2 = RawH2.connect(server.port(), Duration.ofSeconds(5))) {
            h2.raw("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] answer = h2.readAll();

            assertThat(new String(answer, StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 400 Bad Request\r\n")
                    .contains("Connection: close\r\n");
        }
    }

    /** RFC 9113 section 4.2: a frame over SETTINGS_MAX_FRAME_SIZE is a connection error FRAME_SIZE_ERROR. */
    @Test
    void aFrameOverTheMaxFrameSizeGetsGoawayFrameSizeError() throws IOException {
        try (RawH2 h2 = RawH2.connect(server.port(), READ).open()) {
            h2.get(1, "/upstream", false);
            h2.frame(RawH2.DATA, 0, 1, new byte[MAX_FRAME + 1]);
            Frame goaway = h2.until(RawH2.GOAWAY, 0);
            assertThat(goaway).as("GOAWAY").isNotNull();
            assertThat(goaway.errorCode()).isEqualTo(RawH2.FRAME_SIZE_ERROR);
            assertThat(h2.closedWithin(10)).as("connection closed after GOAWAY").isTrue();
        }
    }

    /**
     * RFC 9113 section 5.1.2: a stream over SETTINGS_MAX_CONCURRENT_STREAMS is a stream error PROTOCOL_ERROR or
     * REFUSED_STREAM (RST_STREAM on that stream, the others go on). Helidon 4.5 makes it a connection error: GOAWAY
     * with REFUSED_STREAM, and the connection is closed with the streams it had.
     */
    @Test
    void oneStreamOverMaxConcurrentStreamsGetsGoawayRefusedStreamForTheWholeConnectionNotRstStream()
            throws IOException {
        try (RawH2 h2 = RawH2.connect(server.port(), READ).open()) {
            for (int i = 0; i <= MAX_STREAMS; i++) {
                h2.get(1 + 2 * i, "/upstream?delayMs=3000", true);
            }
            Frame refusal = h2.untilAny(RawH2.GOAWAY, RawH2.RST_STREAM);
            assertThat(refusal).as("GOAWAY or RST_STREAM").isNotNull();
            assertThat(refusal.type()).as("frame type").isEqualTo(RawH2.GOAWAY);
            assertThat(refusal.errorCode()).isEqualTo(RawH2.REFUSED_STREAM);
        }
    }

    /** RFC 9113 section 6.4: RST_STREAM ends one stream; the connection and its other streams go on. */
    @Test
    void aStreamResetMidRequestEndsOnlyThatStreamAndTheConnectionServesTheNext() throws IOException {
        try (RawH2 h2 = RawH2.connect(server.port(), READ).open()) {
            h2.get(1, "/upstream?delayMs=500", true);
            h2.frame(RawH2.RST_STREAM, 0, 1, new byte[] {0, 0, 0, RawH2.CANCEL});
            h2.get(3, "/upstream", true);
            Frame next = h2.untilAny(RawH2.HEADERS, RawH2.GOAWAY);
            assertThat(next).isNotNull();
            assertThat(next.type()).as("no GOAWAY").isEqualTo(RawH2.HEADERS);
            assertThat(next.streamId()).isEqualTo(3);
            assertThat(next.isHeadersWithStatus200()).isTrue();
        }
    }

    /**
     * RFC 9113 section 10.5.1: a server may answer a header list over its SETTINGS_MAX_HEADER_LIST_SIZE with HTTP
     * 431. Helidon 4.5 checks the limit only on header blocks continued in CONTINUATION frames: one HEADERS frame of
     * any size up to the frame limit is served as usual, here with a 200.
     */
    @Test
    void aHeaderListOverTheLimitInOneHeadersFrameIsServedAsUsualWith200() throws IOException {
        try (RawH2 h2 = RawH2.connect(server.port(), READ).open()) {
            h2.get(1, "/upstream", true, "x-big", "x".repeat(MAX_HEADER_LIST + 100));
            Frame answer = h2.untilAny(RawH2.HEADERS, RawH2.GOAWAY);
            assertThat(answer).isNotNull();
            assertThat(answer.type()).as("no GOAWAY").isEqualTo(RawH2.HEADERS);
            assertThat(answer.isHeadersWithStatus200()).isTrue();
        }
    }

    /**
     * A header list over the limit in HEADERS plus CONTINUATION: Helidon 4.5 sends GOAWAY with error code 431,
     * which is not an RFC 9113 error code (section 7 has 0x0 to 0xd; a peer treats an unknown one as
     * INTERNAL_ERROR), instead of an HTTP 431 answer on the stream, and closes the connection.
     */
    @Test
    void aHeaderListOverTheLimitInContinuationFramesGetsGoawayWithTheNonRfcErrorCode431() throws IOException {
        try (RawH2 h2 = RawH2.connect(server.port(), READ).open()) {
            byte[] block = RawH2.headerBlock("/upstream", "x-big", "x".repeat(MAX_HEADER_LIST + 100));
            int half = block.length / 2;
            h2.frame(RawH2.HEADERS, RawH2.END_STREAM, 1, Arrays.copyOfRange(block, 0, half));
            h2.frame(RawH2.CONTINUATION, RawH2.END_HEADERS, 1, Arrays.copyOfRange(block, half, block.length));
            Frame goaway = h2.untilAny(RawH2.GOAWAY, RawH2.HEADERS);
            assertThat(goaway).as("GOAWAY").isNotNull();
            assertThat(goaway.type()).isEqualTo(RawH2.GOAWAY);
            assertThat(goaway.errorCode()).isEqualTo(431);
            assertThat(h2.closedWithin(10)).as("connection closed after GOAWAY").isTrue();
        }
    }

    /**
     * RFC 9113 section 10.5: an endpoint may treat a flood of SETTINGS as ENHANCE_YOUR_CALM. Helidon 4.5 has no such
     * limit: it acknowledges every one and keeps serving the connection.
     */
    @Test
    void aSettingsFloodIsAcknowledgedFrameByFrameWithNoEnhanceYourCalm() throws Exception {
        assertFloodAnswered(RawH2.SETTINGS, new byte[0]);
    }

    /**
     * RFC 9113 section 10.5: an endpoint may treat a flood of PINGs as ENHANCE_YOUR_CALM. Helidon 4.5 has no such
     * limit: it answers every PING with an ACK and keeps serving the connection.
     */
    @Test
    void aPingFloodIsAnsweredPingByPingWithNoEnhanceYourCalm() throws Exception {
        assertFloodAnswered(RawH2.PING, new byte[8]);
    }

    // Sends FLOOD frames from another thread while this one reads, so neither side's socket buffer fills and stalls.
    private static void assertFloodAnswered(int type, byte[] payload) throws Exception {
        try (RawH2 h2 = RawH2.connect(server.port(), READ).open()) {
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < FLOOD; i++) {
                        h2.frame(type, 0, 0, payload);
                    }
                    h2.get(1, "/upstream", true);
                } catch (IOException e) {
                    // The reader sees the close.
                }
            });
            AtomicInteger acks = new AtomicInteger();
            Frame frame;
            boolean answered = false;
            boolean goaway = false;
            while ((frame = h2.read()) != null) {
                if (frame.type() == type && (frame.flags() & RawH2.ACK) != 0) {
                    acks.incrementAndGet();
                } else if (frame.type() == RawH2.GOAWAY) {
                    goaway = true;
                    break;
                } else if (frame.type() == RawH2.HEADERS && frame.streamId() == 1) {
                    answered = frame.isHeadersWithStatus200();
                    break;
                }
            }
            writer.join();
            assertThat(goaway).as("GOAWAY").isFalse();
            // The opening SETTINGS is acknowledged too.
            assertThat(acks.get()).as("ACKs").isEqualTo(type == RawH2.SETTINGS ? FLOOD + 1 : FLOOD);
            assertThat(answered).as("the request after the flood answered 200").isTrue();
        }
    }
}
