package dev.loomscope.client;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import io.helidon.common.tls.Tls;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientConfig;

/**
 * Plain-HTTP/1.1 connections opened for a caller that keeps them itself, never in Helidon's connection pool.
 *
 * <p>A connection Helidon's pool takes back starts an idle monitor (a virtual thread reading one byte every 101 ms)
 * that the next request on it must wait for: a thread switch per request, and with a slow server almost one
 * {@code SocketTimeoutException} per request (docs/benchmarks.md). {@link UpstreamClient} and the load generator
 * keep their connections themselves instead.
 */
public final class OwnedConnections {

    private static final List<String> HTTP_1_1 = List.of(Http1Client.PROTOCOL_ID);
    private static final Tls NO_TLS = Tls.builder().enabled(false).build();

    private OwnedConnections() {
    }

    /** What identifies connections to {@code host:port}, resolved and proxied as {@code settings} say, without TLS. */
    public static ConnectionKey key(String scheme, String host, int port, Http1ClientConfig settings) {
        return ConnectionKey.create(scheme, host, port, NO_TLS, settings.dnsResolver(), settings.dnsAddressLookup(),
                                    settings.proxy());
    }

    /**
     * Connects with {@code connector}'s socket options. Helidon calls {@code release} when an answer was read to its
     * end on a keep-alive connection (false closes it) and {@code onClose} when it closes the connection itself.
     */
    public static TcpClientConnection open(WebClient connector, ConnectionKey key,
                                           Function<TcpClientConnection, Boolean> release,
                                           Consumer<TcpClientConnection> onClose) {
        return TcpClientConnection.create(connector, key, HTTP_1_1, release, onClose).connect();
    }
}
