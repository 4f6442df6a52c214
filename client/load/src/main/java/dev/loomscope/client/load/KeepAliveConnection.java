package dev.loomscope.client.load;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * One HTTP/1.1 keep-alive connection of the load generator, on a plain socket: writes a prebuilt GET, reads the
 * status and the framing headers of the answer and drops its body, with one buffer per connection.
 *
 * <p>Written for the generator rather than going through a client library: a general client builds, validates and
 * parses every header of every request, and that per-request work made the generator, not the server, the
 * bottleneck (docs/benchmarks.md, "Load generator"). It reads what a load needs and nothing more: the status,
 * Content-Length, chunked transfer coding, and whether the server closes the connection.
 */
final class KeepAliveConnection implements AutoCloseable {

    private static final int BUFFER_BYTES = 8192;
    private static final int MAX_HEAD_BYTES = 64 * 1024;

    private final Socket socket;
    private final ReadTimeouts timeouts;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    private boolean reusable = true;
    // The head of the answer being read: its framing, and how many bytes of it were read (chunk lines do not count).
    private long contentLength;
    private boolean chunked;
    private int headBytes;
    private final ReadDeadline readDeadline = new ReadDeadline();

    private KeepAliveConnection(Socket socket, ReadTimeouts timeouts) throws IOException {
        this.socket = socket;
        this.timeouts = timeouts;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to {@code address}; connecting and every read wait at most the timeout of {@code timeouts}. */
    static KeepAliveConnection open(InetSocketAddress address, ReadTimeouts timeouts) throws IOException {
        Socket socket = new Socket(Proxy.NO_PROXY);
        try {
            socket.connect(address, (int) Math.clamp(timeouts.timeout().toMillis(), 1, Integer.MAX_VALUE));
            socket.setTcpNoDelay(true);
            KeepAliveConnection connection = new KeepAliveConnection(socket, timeouts);
            timeouts.watch(connection);
            return connection;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /**
     * Sends {@code request} (a whole GET, head only) and reads the answer to its end; returns its status.
     *
     * @throws EOFException when the server closed the connection before the answer was complete
     * @throws IOException  when the answer is not HTTP/1.x, or the socket failed or timed out
     */
    int exchange(byte[] request) throws IOException {
        out.write(request);
        int status;
        do {
            status = readHead();
        } while (status >= 100 && status < 200 && status != 101);
        if (status == 204 || status == 304 || status == 101) {
            return status;
        }
        if (chunked) {
            skipChunks();
        } else if (contentLength >= 0) {
            skip(contentLength);
        } else {
            // Neither length nor chunks: the body ends when the server closes the connection.
            reusable = false;
            while (fill() > 0) {
                position = limit;
            }
        }
        return status;
    }

    /** Whether the connection can carry another request; false after "Connection: close" or a close-delimited body. */
    boolean reusable() {
        return reusable;
    }

    @Override
    public void close() {
        timeouts.forget(this);
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }

    // The status line and the headers up to the empty line; remembers the framing of the body.
    private int readHead() throws IOException {
        contentLength = -1;
        chunked = false;
        int start = readLine();
        // "HTTP/1.1 200" at least.
        if (position - start < 12 || !startsWith(start, "HTTP/1.")) {
            throw new IOException("the answer is not HTTP/1.x");
        }
        if (buffer[start + 7] == '0') {
            // HTTP/1.0 closes after each answer unless it says keep-alive; the generator does not ask it to.
            reusable = false;
        }
        int status = digit(start + 9) * 100 + digit(start + 10) * 10 + digit(start + 11);
        headBytes = position - start;
        int line;
        while (!emptyLine(line = readLine())) {
            headBytes += position - line;
            if (headBytes > MAX_HEAD_BYTES) {
                throw new IOException("the answer's head is longer than " + MAX_HEAD_BYTES + " bytes");
            }
            header(line, position);
        }
        return status;
    }

    private void header(int start, int end) throws IOException {
        if (startsWithIgnoreCase(start, "content-length:")) {
            long length = 0;
            for (int i = start + "content-length:".length(); i < end; i++) {
                byte b = buffer[i];
                if (b >= '0' && b <= '9') {
                    length = length * 10 + (b - '0');
                }
            }
            contentLength = length;
        } else if (startsWithIgnoreCase(start, "transfer-encoding:")) {
            chunked = contains(start, end, "chunked");
        } else if (startsWithIgnoreCase(start, "connection:")) {
            if (contains(start, end, "close")) {
                reusable = false;
            }
        }
    }

    private void skipChunks() throws IOException {
        while (true) {
            int start = readLine();
            long size = 0;
            for (int i = start; i < position; i++) {
                int hex = Character.digit(buffer[i], 16);
                if (hex < 0) {
                    break;
                }
                size = size * 16 + hex;
            }
            if (size == 0) {
                // Trailers, if any, up to the empty line.
                while (!emptyLine(readLine())) {
                    // dropped
                }
                return;
            }
            skip(size);
            readLine();
        }
    }

    // The next line, ending with "\n", is buffer[start, position); returns start.
    private int readLine() throws IOException {
        int scanned = position;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buffer[i] == '\n') {
                    int start = position;
                    position = i + 1;
                    return start;
                }
            }
            scanned = limit - position;
            if (position > 0) {
                System.arraycopy(buffer, position, buffer, 0, limit - position);
                limit -= position;
                position = 0;
            }
            if (limit == buffer.length) {
                throw new IOException("a line of the answer's head is longer than " + BUFFER_BYTES + " bytes");
            }
            if (fill() < 0) {
                throw new EOFException("the connection closed before the answer was complete");
            }
        }
    }

    // The line buffer[start, position) is "\r\n" or "\n".
    private boolean emptyLine(int start) {
        int length = position - start;
        return length == 1 || length == 2 && buffer[start] == '\r';
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            if (position == limit && fill() < 0) {
                throw new EOFException("the connection closed before the answer was complete");
            }
            int n = (int) Math.min(left, limit - position);
            position += n;
            left -= n;
        }
    }

    /** Ends the read in progress, by closing the socket, if its deadline is at or before {@code now}. */
    void expireIfDue(long now) {
        if (readDeadline.expireIfDue(now)) {
            close();
        }
    }

    // Reads more bytes after buffer[limit); returns how many, or -1 at the end of the stream.
    private int fill() throws IOException {
        if (position == limit) {
            position = 0;
            limit = 0;
        }
        long deadline = readDeadline.begin(timeouts.timeoutNanos());
        int n;
        try {
            n = in.read(buffer, limit, buffer.length - limit);
        } catch (IOException e) {
            throw readDeadline.expired() ? timeout(e) : e;
        }
        // Bytes that came as the watcher closed the socket are too late: the read waited the whole timeout.
        if (!readDeadline.end(deadline)) {
            throw timeout(null);
        }
        if (n > 0) {
            limit += n;
        }
        return n;
    }

    private SocketTimeoutException timeout(IOException cause) {
        SocketTimeoutException timeout = new SocketTimeoutException("no answer within " + timeouts.timeout());
        timeout.initCause(cause);
        return timeout;
    }

    private int digit(int index) throws IOException {
        byte b = buffer[index];
        if (b < '0' || b > '9') {
            throw new IOException("the answer's status line has no status code");
        }
        return b - '0';
    }

    private boolean startsWith(int start, String text) {
        if (position - start < text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (buffer[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean startsWithIgnoreCase(int start, String lowerCase) {
        if (position - start < lowerCase.length()) {
            return false;
        }
        for (int i = 0; i < lowerCase.length(); i++) {
            if ((buffer[start + i] | 0x20) != lowerCase.charAt(i) && buffer[start + i] != lowerCase.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean contains(int start, int end, String lowerCase) {
        for (int i = start; i + lowerCase.length() <= end; i++) {
            int j = 0;
            while (j < lowerCase.length() && (buffer[i + j] | 0x20) == lowerCase.charAt(j)) {
                j++;
            }
            if (j == lowerCase.length()) {
                return true;
            }
        }
        return false;
    }
}
