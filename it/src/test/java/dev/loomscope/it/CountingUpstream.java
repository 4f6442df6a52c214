package dev.loomscope.it;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow keep-alive upstream inside the test JVM that counts the connections it accepts: every request is answered
 * after a fixed delay, on the connection it came on, for as long as the caller keeps that connection.
 */
final class CountingUpstream implements AutoCloseable {

    private static final byte[] ANSWER = ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 14"
            + "\r\n\r\n{\"counted\":1}\n").getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Duration delay;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger closedByCaller = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    CountingUpstream(Duration delay) throws IOException {
        this.delay = delay;
        // The longest accept queue the system allows: a burst of connects is queued, not refused.
        this.server = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().name("counting-upstream-accept").start(this::acceptAll);
    }

    String uri() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/upstream";
    }

    /** Connections accepted so far. */
    int accepted() {
        return accepted.get();
    }

    /** Connections the caller closed while this upstream was open: each is a connection its pool gave up. */
    int closedByCaller() {
        return closedByCaller.get();
    }

    /** Requests answered so far. */
    int answered() {
        return answered.get();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
        acceptor.interrupt();
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted.incrementAndGet();
                open.add(socket);
                Thread.ofVirtual().name("counting-upstream-").start(() -> serve(socket));
            } catch (IOException e) {
                // closed
            }
        }
    }

    // One request head after the other (GETs, no bodies); the delay is the upstream's work, not a wait for a race.
    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = socket.getOutputStream();
            while (readHead(in)) {
                Thread.sleep(delay);
                out.write(ANSWER);
                out.flush();
                answered.incrementAndGet();
            }
        } catch (IOException | InterruptedException e) {
            // the caller closed the connection, or the test ended
        } finally {
            open.remove(socket);
            if (!server.isClosed()) {
                closedByCaller.incrementAndGet();
            }
        }
    }

    // False at the end of the stream before a request began.
    private static boolean readHead(InputStream in) throws IOException {
        int last4 = 0;
        int read = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                if (read == 0) {
                    return false;
                }
                throw new IOException("connection closed inside a request head");
            }
            read++;
            last4 = (last4 << 8) | b;
        }
        return true;
    }
}
