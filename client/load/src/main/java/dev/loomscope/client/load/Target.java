package dev.loomscope.client.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The server under load: where to connect, and the one GET every request sends, built once.
 *
 * <p>Each connection belongs to one load user and is never pooled. Closing the target closes those still open.
 */
final class Target implements AutoCloseable {

    private final URI uri;
    private final ReadTimeouts timeouts;
    private final byte[] request;

    Target(URI uri, Duration timeout) {
        this.uri = uri;
        this.timeouts = new ReadTimeouts(timeout);
        this.request = request(uri);
    }

    /** Opens a keep-alive connection; connecting and every read wait at most the timeout. */
    KeepAliveConnection open() throws IOException {
        // Resolved per connection, not per request: a name that moves is followed when a connection is reopened.
        return KeepAliveConnection.open(new InetSocketAddress(uri.getHost(), port(uri)), timeouts);
    }

    @Override
    public void close() {
        timeouts.close();
    }

    /** The bytes of {@code GET uri}, head only. */
    byte[] request() {
        return request;
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : 80;
    }

    // A relative request line, as to an origin server, with the headers a plain client sends.
    private static byte[] request(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String host = uri.getHost().contains(":") ? "[" + uri.getHost() + "]" : uri.getHost();
        String authority = uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
        return ("GET " + path + query + " HTTP/1.1\r\n"
                + "Host: " + authority + "\r\n"
                + "User-Agent: loomscope-client\r\n"
                + "Accept: */*\r\n"
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
