package dev.loomscope.client.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator's plain-socket connection reads each framing of an answer to its end and knows when to reconnect. */
@Timeout(30)
class KeepAliveConnectionTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @AutoClose
    private final ReadTimeouts timeouts = new ReadTimeouts(TIMEOUT);

    @Test
    void readsAnswersByContentLengthAndChunksOnOneConnectionEvenWhenTheyArriveByteByByte() throws Exception {
        String chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n1A\r\n" + "x".repeat(26) + "\r\n0\r\nTrailer: t\r\n\r\n";
        String sized = "HTTP/1.1 404 Not Found\r\ncontent-length: 9\r\nContent-Type: text/plain\r\n\r\nnot found";
        try (ScriptedServer server = new ScriptedServer(List.of(chunked, sized, chunked), true);
             KeepAliveConnection connection = KeepAliveConnection.open(server.address(), timeouts)) {
            byte[] request = new Target(server.uri("/a?b=1"), TIMEOUT).request();

            assertThat(connection.exchange(request)).isEqualTo(200);
            assertThat(connection.exchange(request)).isEqualTo(404);
            assertThat(connection.exchange(request)).isEqualTo(200);
            assertThat(connection.reusable()).isTrue();
            assertThat(server.requests()).containsExactly(
                    "GET /a?b=1 HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUser-Agent: loomscope-client\r\n"
                            + "Accept: */*\r\n\r\n",
                    new String(request, StandardCharsets.US_ASCII), new String(request, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void readsABodyOfManySmallChunksWhoseSizeLinesTogetherExceedTheHeadLimit() throws Exception {
        // 20,000 chunk lines of 6 bytes each: 120 KB of framing, over the 64 KB a head may have.
        String answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "1\r\nx\r\n".repeat(20_000) + "0\r\n\r\n";
        try (ScriptedServer server = new ScriptedServer(List.of(answer, answer), false);
             KeepAliveConnection connection = KeepAliveConnection.open(server.address(), timeouts)) {
            byte[] request = new Target(server.uri("/"), TIMEOUT).request();
            assertThat(connection.exchange(request)).isEqualTo(200);
            assertThat(connection.exchange(request)).isEqualTo(200);
            assertThat(connection.reusable()).isTrue();
        }
    }

    @Test
    void skipsAnInterimAnswerAndReadsTheFinalOne() throws Exception {
        String answer = "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
        try (ScriptedServer server = new ScriptedServer(List.of(answer), false);
             KeepAliveConnection connection = KeepAliveConnection.open(server.address(), timeouts)) {
            assertThat(connection.exchange(new Target(server.uri("/"), TIMEOUT).request())).isEqualTo(201);
            assertThat(connection.reusable()).isTrue();
        }
    }

    @Test
    void isNotReusableAfterConnectionCloseOrABodyEndedByClosing() throws Exception {
        String close = "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok";
        String closeDelimited = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end";
        for (String answer : List.of(close, closeDelimited)) {
            try (ScriptedServer server = new ScriptedServer(List.of(answer), false);
                 KeepAliveConnection connection = KeepAliveConnection.open(server.address(), timeouts)) {
                assertThat(connection.exchange(new Target(server.uri("/"), TIMEOUT).request())).isEqualTo(200);
                assertThat(connection.reusable()).as(answer).isFalse();
            }
        }
    }

    @Test
    void anAnswerThatIsNotHttpOrEndsEarlyFails() throws Exception {
        try (ScriptedServer server = new ScriptedServer(List.of("SSH-2.0-OpenSSH_9.6\r\n"), false);
             KeepAliveConnection connection = KeepAliveConnection.open(server.address(), timeouts)) {
            assertThatThrownBy(() -> connection.exchange(new Target(server.uri("/"), TIMEOUT).request()))
                    .isInstanceOf(IOException.class).hasMessage("the answer is not HTTP/1.x");
        }
        try (ScriptedServer server = new ScriptedServer(List.of("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"),
                                                        false);
             KeepAliveConnection connection = KeepAliveConnection.open(server.address(), timeouts)) {
            assertThatThrownBy(() -> connection.exchange(new Target(server.uri("/"), TIMEOUT).request()))
                    .isInstanceOf(EOFException.class);
        }
    }

    @Test
    void aReadThatWaitsLongerThanTheTimeoutFailsAsATimeoutAndClosesTheConnection() throws Exception {
        Duration timeout = Duration.ofMillis(300);
        try (ReadTimeouts quick = new ReadTimeouts(timeout);
             ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             KeepAliveConnection connection = KeepAliveConnection.open(
                     new InetSocketAddress(InetAddress.getLoopbackAddress(), silent.getLocalPort()), quick);
             Socket accepted = silent.accept()) {
            long start = System.nanoTime();

            assertThatThrownBy(() -> connection.exchange(new Target(URI.create("http://127.0.0.1/"), timeout).request()))
                    .isInstanceOf(SocketTimeoutException.class).hasMessage("no answer within PT0.3S");

            long waitedNanos = System.nanoTime() - start;
            assertThat(waitedNanos).isGreaterThanOrEqualTo(timeout.toNanos());
            // The server sees the connection end: the watcher closed it.
            accepted.setSoTimeout(5000);
            assertThat(accepted.getInputStream().readAllBytes()).asString(StandardCharsets.US_ASCII).startsWith("GET / ");
        }
    }

    @Test
    void anAnswerSlowerThanOneWatchPeriodButWithinTheTimeoutIsRead() throws Exception {
        Duration timeout = Duration.ofSeconds(2);
        try (ReadTimeouts watched = new ReadTimeouts(timeout);
             ScriptedServer server = new ScriptedServer(List.of("HTTP/1.1 204 No Content\r\n\r\n"), false, 500);
             KeepAliveConnection connection = KeepAliveConnection.open(server.address(), watched)) {
            // 500 ms is five watch periods of a 2 s timeout: the watcher looked at the waiting read several times.
            assertThat(connection.exchange(new Target(server.uri("/"), timeout).request())).isEqualTo(204);
            assertThat(connection.reusable()).isTrue();
        }
    }

    /** Answers the n-th request head on its one connection with the n-th script, then closes. */
    private static final class ScriptedServer implements AutoCloseable {
        private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private final Thread thread;

        ScriptedServer(List<String> answers, boolean byteByByte) throws IOException {
            this(answers, byteByByte, 0);
        }

        /** Waits {@code delayMillis} before each answer. */
        ScriptedServer(List<String> answers, boolean byteByByte, long delayMillis) throws IOException {
            thread = Thread.ofVirtual().start(() -> serve(answers, byteByByte, delayMillis));
        }

        InetSocketAddress address() {
            return new InetSocketAddress(InetAddress.getLoopbackAddress(), port());
        }

        int port() {
            return socket.getLocalPort();
        }

        URI uri(String pathAndQuery) {
            return URI.create("http://127.0.0.1:" + port() + pathAndQuery);
        }

        List<String> requests() {
            return requests;
        }

        private void serve(List<String> answers, boolean byteByByte, long delayMillis) {
            try (Socket connection = socket.accept()) {
                connection.setTcpNoDelay(true);
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                for (String answer : answers) {
                    requests.add(readHead(in));
                    if (delayMillis > 0) {
                        Thread.sleep(delayMillis);
                    }
                    byte[] bytes = answer.getBytes(StandardCharsets.US_ASCII);
                    if (byteByByte) {
                        for (byte b : bytes) {
                            out.write(b);
                            out.flush();
                        }
                    } else {
                        out.write(bytes);
                    }
                }
                out.flush();
            } catch (IOException | InterruptedException e) {
                // the test ended
            }
        }

        private static String readHead(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new EOFException();
                }
                head.append((char) b);
            }
            return head.toString();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.join(5000);
        }
    }
}
