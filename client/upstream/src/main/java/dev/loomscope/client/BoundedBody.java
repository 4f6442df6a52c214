package dev.loomscope.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.OptionalLong;

import io.helidon.common.buffers.DataReader;
import io.helidon.http.HeaderNames;
import io.helidon.webclient.api.HttpClientResponse;

/**
 * Reads an answer's body up to a limit: never sized from the peer's Content-Length beyond the limit, never read past
 * it.
 */
final class BoundedBody {

    private static final byte[] EMPTY = new byte[0];
    private static final int FIRST_BUFFER = 8 << 10;

    private BoundedBody() {
    }

    /** Thrown when the body is larger than the limit; the rest of it is left unread. */
    static final class TooLargeException extends IOException {
        private static final long serialVersionUID = 1L;

        TooLargeException() {
            super("body over the limit", null);
        }
    }

    /** Whether {@code response} has no length and no chunking, so its body ends where the upstream closes. */
    static boolean closeDelimited(HttpClientResponse response) {
        return response.headers().contentLength().isEmpty()
                && !response.headers().contains(HeaderNames.TRANSFER_ENCODING);
    }

    /**
     * The whole body of {@code response}, at most {@code limit} bytes.
     *
     * @throws TooLargeException when it is longer, by its Content-Length or by what arrives
     */
    static byte[] read(HttpClientResponse response, int limit) throws IOException {
        OptionalLong length = response.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > limit) {
            throw new TooLargeException();
        }
        if (length.isPresent()) {
            try (InputStream in = response.inputStream()) {
                // Sized from Content-Length, now known to be within the limit: readAllBytes() zeroes a 16 KB buffer
                // per call, a quarter of the CPU of a small hop as measured (shared/notes/performance-anchors.md).
                int size = (int) length.getAsLong();
                byte[] body = new byte[size];
                int read = in.readNBytes(body, 0, size);
                if (read != size) {
                    throw new EOFException("upstream body ended after " + read + " of " + size + " bytes");
                }
                return body;
            }
        }
        if (!closeDelimited(response)) {
            try (InputStream in = response.inputStream()) {
                return readUpTo(in, limit, false);
            }
        }
        InputStream in = response.inputStream();
        byte[] body = readUpTo(in, limit, true);
        try {
            in.close();
        } catch (DataReader.InsufficientDataAvailableException e) {
            // Closing drains to the end, which Helidon reports as this once more.
        }
        return body;
    }

    private static byte[] readUpTo(InputStream in, int limit, boolean closeDelimited) throws IOException {
        byte[] buffer = EMPTY;
        int size = 0;
        while (true) {
            if (size == buffer.length) {
                if (size > limit) {
                    throw new TooLargeException();
                }
                // One byte past the limit tells a body of exactly the limit from a longer one.
                buffer = Arrays.copyOf(buffer, (int) Math.min((long) limit + 1, Math.max(FIRST_BUFFER, 2L * size)));
            }
            int read;
            try {
                read = in.read(buffer, size, buffer.length - size);
            } catch (DataReader.InsufficientDataAvailableException e) {
                // Helidon signals the end of a close-delimited body this way instead of returning -1.
                if (!closeDelimited) {
                    throw e;
                }
                read = -1;
            }
            if (read < 0) {
                return size == buffer.length ? buffer : Arrays.copyOf(buffer, size);
            }
            size += read;
        }
    }
}
