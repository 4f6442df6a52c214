package dev.loomscope.server;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

import io.helidon.webserver.http.ServerRequest;

/**
 * The upstream endpoint the server calls: {@code app.upstream.uri}, or by default this server's own {@code /upstream}.
 *
 * <p>Only the numbers {@code delayMs} and {@code bytes} pass from a request to the upstream; no URL, host or path
 * ever does, so the server cannot be used as an open proxy.
 */
final class UpstreamTarget {

    private final Optional<URI> configured;
    // The last URI made and what it was made from: the configured URI, or the local address of the request.
    private volatile Last last;

    UpstreamTarget(Optional<URI> configured) {
        this.configured = configured;
    }

    /** The URI to call for {@code request}, with the validated upstream parameters as its query. */
    URI uriFor(ServerRequest request, int delayMs, int bytes) {
        // Parsing a URI per request was about 3.5% of a hop's CPU samples; a steady load asks for the same one.
        Object origin = configured.isPresent() ? configured.get() : request.localPeer().address();
        Last last = this.last;
        if (last != null && last.delayMs() == delayMs && last.bytes() == bytes
                && Objects.equals(last.origin(), origin)) {
            return last.uri();
        }
        String base = configured.map(URI::toString).orElseGet(() -> selfUpstream(request));
        URI uri = URI.create(base + "?delayMs=" + delayMs + "&bytes=" + bytes);
        this.last = new Last(origin, delayMs, bytes, uri);
        return uri;
    }

    /** Human-readable description for the banner. */
    String describe(int port) {
        return configured.map(URI::toString).orElse("http://127.0.0.1:" + port + "/upstream (this server)");
    }

    // The socket this request came in on is this server: calling it back needs no configuration and works on the
    // random ports tests use.
    private static String selfUpstream(ServerRequest request) {
        var local = request.localPeer().address();
        String host = local instanceof java.net.InetSocketAddress inet && !inet.getAddress().isAnyLocalAddress()
                ? inet.getAddress().getHostAddress()
                : "127.0.0.1";
        int port = local instanceof java.net.InetSocketAddress inet ? inet.getPort() : request.requestedUri().port();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "http://" + host + ":" + port + "/upstream";
    }

    private record Last(Object origin, int delayMs, int bytes, URI uri) {
    }
}
