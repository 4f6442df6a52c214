package dev.loomscope.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a hostile or broken upstream gets: a bounded call, a bounded body, and a failure said in plain words. */
@Timeout(60)
class UpstreamLimitsTest {

    private static final Duration READ_TIMEOUT = Duration.ofMillis(500);
    // Where the read timeout is not what a test proves, a loaded machine must not turn its answer into a timeout.
    private static final Duration AMPLE_READ_TIMEOUT = Duration.ofSeconds(10);
    private static final UpstreamLimits LIMITS = new UpstreamLimits(Duration.ofSeconds(1), 1024);
    // The same where the call deadline is not what a test proves: a cold first call on a loaded machine took 0.7 s.
    private static final UpstreamLimits AMPLE_DEADLINE = new UpstreamLimits(Duration.ofSeconds(10), 1024);

    private static UpstreamClient client(Duration readTimeout) {
        return client(readTimeout, LIMITS);
    }

    private static UpstreamClient client(Duration readTimeout, UpstreamLimits limits) {
        return new UpstreamClient(Http1Client.builder()
                                          .connectTimeout(readTimeout)
                                          .readTimeout(readTimeout)
                                          .proxy(Proxy.noProxy())
                                          .build(), limits, PoolLimits.DEFAULT);
    }

    private static UpstreamException failureOf(RawUpstream.RawReply reply) throws IOException {
        return failureOf(reply, AMPLE_READ_TIMEOUT);
    }

    private static UpstreamException failureOf(RawUpstream.RawReply reply, Duration readTimeout) throws IOException {
        return failureOf(reply, readTimeout, LIMITS);
    }

    // What a broken answer is called, however long a loaded machine takes to get it.
    private static UpstreamException kindOf(RawUpstream.RawReply reply) throws IOException {
        return failureOf(reply, AMPLE_READ_TIMEOUT, AMPLE_DEADLINE);
    }

    private static UpstreamException failureOf(RawUpstream.RawReply reply, Duration readTimeout, UpstreamLimits limits)
            throws IOException {
        try (RawUpstream upstream = new RawUpstream(reply); UpstreamClient client = client(readTimeout, limits)) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> client.get(upstream.uri(), CallOrigin.NONE));
            assertThat(thrown).isInstanceOf(UpstreamException.class);
            return (UpstreamException) thrown;
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static Consumer<UpstreamException> saysInPlainWords(UpstreamFailure kind, String words) {
        return e -> {
            assertThat(e.kind()).isEqualTo(kind);
            assertThat(e.getMessage()).isEqualTo(words);
        };
    }

    @Test
    void aContentLengthOverTheLimitIsTooLargeAndNoBufferIsSizedFromIt() throws Exception {
        UpstreamException e = failureOf(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n{\"p\":"));

        assertThat(e).satisfies(saysInPlainWords(UpstreamFailure.TOO_LARGE, "the upstream's answer exceeded 1 KiB"));
    }

    @Test
    void aChunkedBodyThatGrowsPastTheLimitIsTooLarge() throws Exception {
        String chunk = "x".repeat(600);
        UpstreamException e = failureOf(out -> {
            write(out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (int i = 0; i < 10; i++) {
                write(out, Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
            }
            write(out, "0\r\n\r\n");
        });

        assertThat(e).satisfies(saysInPlainWords(UpstreamFailure.TOO_LARGE, "the upstream's answer exceeded 1 KiB"));
    }

    @Test
    void aChunkedBodyOfExactlyTheLimitIsAccepted() throws Exception {
        String body = "y".repeat(1024);
        try (RawUpstream upstream = new RawUpstream(out -> write(
                out, "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n" + body + "\r\n0\r\n\r\n"));
             UpstreamClient client = client(AMPLE_READ_TIMEOUT)) {
            UpstreamReply reply = client.get(upstream.uri(), CallOrigin.NONE);

            assertThat(new String(reply.body(), StandardCharsets.US_ASCII)).isEqualTo(body);
        }
    }

    @Test
    void readsACloseDelimitedAnswerToItsEnd() throws Exception {
        try (RawUpstream upstream = new RawUpstream(out -> write(
                out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nended by close"));
             UpstreamClient client = client(AMPLE_READ_TIMEOUT)) {
            UpstreamReply reply = client.get(upstream.uri(), CallOrigin.NONE);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(new String(reply.body(), StandardCharsets.US_ASCII)).isEqualTo("ended by close");
            assertThat(client.idleConnections(upstream.uri())).isZero();
        }
    }

    @Test
    void aCloseDelimitedBodyPastTheLimitIsTooLarge() throws Exception {
        UpstreamException e = failureOf(out -> write(out, "HTTP/1.1 200 OK\r\n\r\n" + "z".repeat(5000)));

        assertThat(e).satisfies(saysInPlainWords(UpstreamFailure.TOO_LARGE, "the upstream's answer exceeded 1 KiB"));
    }

    @Test
    void anUpstreamTricklingBytesFailsAsATimeoutAtTheCallDeadline() throws Exception {
        long start = System.nanoTime();
        // A byte every 200 ms: each read is well within the read timeout, the call never ends by itself.
        UpstreamException e = failureOf(out -> {
            write(out, "HTTP/1.1 200 OK\r\n");
            while (true) {
                write(out, "X");
                Thread.sleep(200);
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(e).satisfies(saysInPlainWords(UpstreamFailure.TIMEOUT, "the upstream did not answer within 1 s"));
        assertThat(took).isGreaterThanOrEqualTo(LIMITS.callTimeout()).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void aSilentUpstreamIsATimeoutAfterTheReadTimeout() throws Exception {
        UpstreamException e = failureOf(out -> Thread.sleep(5_000), READ_TIMEOUT);

        assertThat(e).satisfies(saysInPlainWords(UpstreamFailure.TIMEOUT, "the upstream did not answer within 500 ms"));
    }

    @Test
    void anAnswerThatIsNotHttpIsSaidToBeNotHttp() throws Exception {
        UpstreamException e = kindOf(out -> write(out, "SSH-2.0-OpenSSH_9.6\r\n\r\n"));

        assertThat(e).satisfies(saysInPlainWords(UpstreamFailure.NOT_HTTP, "the upstream's answer was not HTTP"));
    }

    @Test
    void aConnectionClosedBeforeAnyAnswerIsClosedNotRefused() throws Exception {
        UpstreamException e = kindOf(out -> { });

        assertThat(e).satisfies(saysInPlainWords(UpstreamFailure.CLOSED,
                                                 "the upstream closed the connection before answering"));
    }

    @Test
    void aBodyCutShortOfItsContentLengthIsClosed() throws Exception {
        UpstreamException e = kindOf(out -> write(out, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nshort"));

        assertThat(e.kind()).isEqualTo(UpstreamFailure.CLOSED);
    }
}
