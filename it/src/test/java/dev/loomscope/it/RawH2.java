package dev.loomscope.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/2 frames written and read by hand over a plain socket (prior knowledge), to send what no well-behaved client
 * sends. Headers are HPACK literals without Huffman coding or indexing (RFC 7541 section 6.2.2), pseudo-headers
 * by their static-table index.
 */
final class RawH2 implements AutoCloseable {

    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    static final int DATA = 0x0;
    static final int HEADERS = 0x1;
    static final int RST_STREAM = 0x3;
    static final int SETTINGS = 0x4;
    static final int PING = 0x6;
    static final int GOAWAY = 0x7;
    static final int CONTINUATION = 0x9;
    static final int END_STREAM = 0x1;
    static final int ACK = 0x1;
    static final int END_HEADERS = 0x4;

    /** RFC 9113 section 7 error codes. */
    static final int PROTOCOL_ERROR = 0x1;
    static final int FRAME_SIZE_ERROR = 0x6;
    static final int REFUSED_STREAM = 0x7;
    static final int CANCEL = 0x8;

    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;

    private RawH2(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.in = new DataInputStream(socket.getInputStream());
    }

    /** A connection to {@code port} on loopback, reads bounded by {@code timeout}, nothing sent yet. */
    static RawH2 connect(int port, Duration timeout) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) timeout.toMillis());
        return new RawH2(socket);
    }

    /** The preface and an empty SETTINGS frame, as a client opens with. */
    RawH2 open() throws IOException {
        out.write(PREFACE);
        frame(SETTINGS, 0, 0, new byte[0]);
        return this;
    }

    void raw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Writes one frame header and {@code payload}. */
    void frame(int type, int flags, int streamId, byte[] payload) throws IOException {
        frameHeader(payload.length, type, flags, streamId);
        out.write(payload);
        out.flush();
    }

    /** Writes a frame header only, announcing {@code length} bytes: for frames larger than the peer accepts. */
    void frameHeader(int length, int type, int flags, int streamId) throws IOException {
        out.write(new byte[] {(byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags,
                              (byte) (streamId >>> 24), (byte) (streamId >>> 16), (byte) (streamId >>> 8),
                              (byte) streamId});
    }

    /** A GET of {@code path} on stream {@code streamId}, with extra header pairs; END_STREAM unless {@code open}. */
    void get(int streamId, String path, boolean endStream, String... extraHeaders) throws IOException {
        frame(HEADERS, END_HEADERS | (endStream ? END_STREAM : 0), streamId, headerBlock(path, extraHeaders));
    }

    static byte[] headerBlock(String path, String... extraHeaders) {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        // Pseudo-headers by static-table index (RFC 7541 appendix A): Helidon 4.5 refuses them with a literal name
        // ("invalid pseudo-header field (or explicit value instead of indexed)"), though HPACK allows it.
        block.write(0x82); // :method GET
        block.write(0x86); // :scheme http
        block.write(0x01); // :authority, literal value
        string(block, "127.0.0.1".getBytes(StandardCharsets.US_ASCII));
        block.write(0x04); // :path, literal value
        string(block, path.getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < extraHeaders.length; i += 2) {
            literal(block, extraHeaders[i], extraHeaders[i + 1]);
        }
        return block.toByteArray();
    }

    private static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0x00);
        string(block, name.getBytes(StandardCharsets.US_ASCII));
        string(block, value.getBytes(StandardCharsets.US_ASCII));
    }

    // An HPACK string: H=0 and its length as an integer with a 7-bit prefix (RFC 7541 section 5.1).
    private static void string(ByteArrayOutputStream block, byte[] bytes) {
        int length = bytes.length;
        if (length < 127) {
            block.write(length);
        } else {
            block.write(127);
            length -= 127;
            while (length >= 128) {
                block.write((length & 0x7f) | 0x80);
                length >>>= 7;
            }
            block.write(length);
        }
        block.writeBytes(bytes);
    }

    /** The next frame, or null when the server closed the connection. */
    Frame read() throws IOException {
        byte[] header = new byte[9];
        try {
            in.readFully(header);
        } catch (EOFException e) {
            return null;
        }
        int length = (header[0] & 0xff) << 16 | (header[1] & 0xff) << 8 | header[2] & 0xff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        int streamId = ((header[5] & 0x7f) << 24) | (header[6] & 0xff) << 16 | (header[7] & 0xff) << 8 | header[8] & 0xff;
        return new Frame(header[3] & 0xff, header[4] & 0xff, streamId, payload);
    }

    /** Frames until one of {@code type} on {@code streamId} (any stream when -1); null if the connection closed. */
    Frame until(int type, int streamId) throws IOException {
        for (Frame frame = read(); frame != null; frame = read()) {
            if (frame.type() == type && (streamId < 0 || frame.streamId() == streamId)) {
                return frame;
            }
        }
        return null;
    }

    /** Frames until one of type {@code a} or {@code b} on any stream; null if the connection closed first. */
    Frame untilAny(int a, int b) throws IOException {
        for (Frame frame = read(); frame != null; frame = read()) {
            if (frame.type() == a || frame.type() == b) {
                return frame;
            }
        }
        return null;
    }

    /** Every byte until the server closes the connection: for answers that are not HTTP/2. */
    byte[] readAll() throws IOException {
        return in.readAllBytes();
    }

    /** Whether the server closed the connection (EOF) before {@code limit} frames more. */
    boolean closedWithin(int limit) throws IOException {
        try {
            for (int i = 0; i < limit; i++) {
                if (read() == null) {
                    return true;
                }
            }
            return false;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            // Reset by the peer: closed too.
            return true;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** One frame as read. */
    record Frame(int type, int flags, int streamId, byte[] payload) {

        /** The error code of a GOAWAY (after last stream id) or RST_STREAM frame. */
        int errorCode() {
            int at = type == GOAWAY ? 4 : 0;
            return (payload[at] & 0xff) << 24 | (payload[at + 1] & 0xff) << 16 | (payload[at + 2] & 0xff) << 8
                    | payload[at + 3] & 0xff;
        }

        /** The :status of a HEADERS frame from Helidon, whose HPACK encoder indexes the common ones. */
        boolean isHeadersWithStatus200() {
            // Indexed :status 200 is 0x88 (RFC 7541 appendix A, index 8).
            return type == HEADERS && payload.length > 0 && (payload[0] & 0xff) == 0x88;
        }
    }
}
