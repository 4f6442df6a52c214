package dev.loomscope.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP/1.1 upstream on a plain server socket that does, per request, what a test tells it: answer and keep the
 * connection, answer and then close it (as an upstream closing an idle connection does), answer with
 * {@code Connection: close}, drop the connection without answering, or never answer.
 */
final class RawUpstream implements AutoCloseable {

    /** What to do with the {@code request}-th request (from 0) on the {@code connection}-th connection (from 0). */
    interface Script {
        Action act(int connection, int request);
    }

    enum Action {
        ANSWER, ANSWER_THEN_CLOSE, ANSWER_CONNECTION_CLOSE, DROP, HANG, RAW
    }

    /** Bytes written, as they come, in place of an answer; the connection is closed after them. */
    interface RawReply {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    static final String BODY = "{\"ok\":true}";

    private final ServerSocket server;
    private final Script script;
    private final RawReply rawReply;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<AtomicInteger> requestsPerConnection = new CopyOnWriteArrayList<>();
    private final Semaphore closedByClient = new Semaphore(0);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    RawUpstream(Script script) throws IOException {
        this(script, out -> { });
    }

    /** An upstream that answers every request with {@code rawReply} and then closes the connection. */
    RawUpstream(RawReply rawReply) throws IOException {
        this((connection, request) -> Action.RAW, rawReply);
    }

    private RawUpstream(Script script, RawReply rawReply) throws IOException {
        this.script = script;
        this.rawReply = rawReply;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("raw-upstream-accept").start(this::acceptAll);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/upstream?delayMs=0");
    }

    /** Connections accepted so far. */
    int connections() {
        return connections.get();
    }

    /** Requests read on the {@code connection}-th connection. */
    int requests(int connection) {
        return requestsPerConnection.get(connection).get();
    }

    /** Waits up to 10 s until the client has closed {@code count} connections (end of stream before a request). */
    boolean awaitClosedByClient(int count) throws InterruptedException {
        return closedByClient.tryAcquire(count, 10, TimeUnit.SECONDS);
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                int index = connections.getAndIncrement();
                requestsPerConnection.add(new AtomicInteger());
                Thread.ofVirtual().name("raw-upstream-" + index).start(() -> serve(socket, index));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket, int connection) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            for (int request = 0; ; request++) {
                if (!readRequestHead(in)) {
                    closedByClient.release();
                    return;
                }
                requestsPerConnection.get(connection).incrementAndGet();
                switch (script.act(connection, request)) {
                    case ANSWER -> answer(out, false);
                    case ANSWER_THEN_CLOSE -> {
                        answer(out, false);
                        return;
                    }
                    case ANSWER_CONNECTION_CLOSE -> {
                        answer(out, true);
                        return;
                    }
                    case DROP -> {
                        return;
                    }
                    case RAW -> {
                        rawReply.write(out);
                        out.flush();
                        return;
                    }
                    case HANG -> {
                        release.await();
                        return;
                    }
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the test ended
        }
    }

    // Reads up to the blank line that ends a GET's head; false at the end of the stream.
    private static boolean readRequestHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] bytes = head.toByteArray();
            int n = bytes.length;
            if (n >= 4 && bytes[n - 4] == '\r' && bytes[n - 3] == '\n' && bytes[n - 2] == '\r' && bytes[n - 1] == '\n') {
                return true;
            }
        }
        return false;
    }

    private static void answer(OutputStream out, boolean close) throws IOException {
        String answer = "HTTP/1.1 200 OK\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + BODY.length() + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n" + BODY;
        out.write(answer.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        release.countDown();
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
