package dev.loomscope.it;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket: the test writes exactly the bytes it means, and sees exactly what the server
 * answered and whether it then closed the connection. No client library stands between the test and the server.
 */
final class RawHttp implements AutoCloseable {

    private static final int MAX_HEAD = 64 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code host:port}; every later read waits at most {@code timeout}. */
    static RawHttp connect(String host, int port, Duration timeout) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RawHttp(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** One GET on a fresh connection. */
    static Response get(String host, int port, String pathAndQuery, Duration timeout) throws IOException {
        try (RawHttp http = connect(host, port, timeout)) {
            http.send(request(pathAndQuery));
            return http.receive();
        }
    }

    /** A GET request for {@code pathAndQuery} with the headers a minimal client sends. */
    static byte[] request(String pathAndQuery) {
        return ("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Tells the server we send nothing more (FIN), as a client that is done writing does. */
    void finishSending() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one response: status line, headers, and a body by Content-Length or chunked. */
    Response receive() throws IOException {
        String head = readHead();
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP status line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = readChunked();
        } else {
            body = in.readNBytes(Integer.parseInt(headers.getOrDefault("content-length", "0")));
        }
        return new Response(Integer.parseInt(statusLine[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    /** What the server does with the connection next, waiting at most {@code wait} for it to close. */
    After after(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        try {
            int next = in.read();
            return next < 0 ? After.CLOSED : After.MORE_DATA;
        } catch (SocketTimeoutException e) {
            return After.OPEN;
        } catch (IOException e) {
            return After.RESET;
        }
    }

    /** Everything the server sends until it closes the connection or {@code wait} passes without a byte. */
    Received readAll(Duration wait) throws IOException {
        socket.setSoTimeout((int) wait.toMillis());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
            return new Received(bytes.toString(StandardCharsets.ISO_8859_1), After.CLOSED);
        } catch (SocketTimeoutException e) {
            return new Received(bytes.toString(StandardCharsets.ISO_8859_1), After.OPEN);
        } catch (IOException e) {
            return new Received(bytes.toString(StandardCharsets.ISO_8859_1), After.RESET);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int last4 = 0;
        while (last4 != 0x0d0a0d0a) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed after " + head.size() + " bytes of a response head");
            }
            head.write(b);
            last4 = (last4 << 8) | b;
            if (head.size() > MAX_HEAD) {
                throw new IOException("response head longer than " + MAX_HEAD + " bytes");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private byte[] readChunked() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine();
            int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            readLine();
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed inside a chunked body");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** What the connection did after a response. */
    enum After {
        /** The server closed it (EOF). */
        CLOSED,
        /** The server reset it. */
        RESET,
        /** Still open, nothing sent. */
        OPEN,
        /** The server sent more bytes. */
        MORE_DATA
    }

    /**
     * Bytes the server sent and how the connection ended.
     *
     * @param text  the bytes as ISO-8859-1
     * @param after {@link After#CLOSED}, {@link After#RESET}, or {@link After#OPEN} when the wait ran out
     */
    record Received(String text, After after) {
    }

    /**
     * One HTTP response.
     *
     * @param status  status code
     * @param headers header fields, names in lower case
     * @param body    body as UTF-8
     */
    record Response(int status, Map<String, String> headers, String body) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }
}
