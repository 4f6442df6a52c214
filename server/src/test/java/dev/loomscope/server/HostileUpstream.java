package dev.loomscope.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An upstream on a raw server socket that answers each request with the bytes its {@code bytes} query parameter picks
 * (the one number the server passes on), then closes the connection: an oversized length, bytes that are not HTTP, a
 * trickle, nothing at all.
 */
public final class HostileUpstream implements AutoCloseable {

    /** Bytes written in place of an answer. */
    public interface Reply {
        void write(OutputStream out) throws IOException, InterruptedException;
    }

    private static final Pattern BYTES = Pattern.compile("[?&]bytes=(\\d+)");

    private final ServerSocket server;
    private final Map<Integer, Reply> replies;
    private final Semaphore requests = new Semaphore(0);
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    public HostileUpstream(Map<Integer, Reply> replies) {
        this.replies = replies;
        try {
            this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("hostile-upstream-accept").start(this::acceptAll);
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/upstream");
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Waits up to 10 s until {@code count} more requests have arrived. */
    boolean awaitRequests(int count) throws InterruptedException {
        return requests.tryAcquire(count, 10, TimeUnit.SECONDS);
    }

    public static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A status line and then one header byte every 200 ms, for ever: no read waits long, the answer never ends. */
    public static void trickle(OutputStream out) throws IOException, InterruptedException {
        write(out, "HTTP/1.1 200 OK\r\n");
        while (true) {
            write(out, "X");
            Thread.sleep(200);
        }
    }

    /** A 200 that claims {@code claimed} bytes and sends zeros until the reader goes away. */
    public static void claimAndFlood(OutputStream out, long claimed) throws IOException {
        write(out, "HTTP/1.1 200 OK\r\nContent-Length: " + claimed + "\r\n\r\n");
        byte[] zeros = new byte[64 << 10];
        for (long sent = 0; sent < claimed; sent += zeros.length) {
            out.write(zeros);
        }
    }

    private void acceptAll() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                sockets.add(socket);
                Thread.ofVirtual().name("hostile-upstream").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            String head = readHead(in);
            requests.release();
            Matcher bytes = BYTES.matcher(head);
            Reply reply = bytes.find() ? replies.get(Integer.parseInt(bytes.group(1))) : null;
            if (reply != null) {
                reply.write(out);
            }
        } catch (IOException | InterruptedException e) {
            // the server closed the connection, or the test ended
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                break;
            }
        }
        return head.toString();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
