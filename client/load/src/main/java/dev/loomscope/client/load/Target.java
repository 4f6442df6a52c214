package dev.loomscope.client.load;

import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;

import dev.loomscope.client.OwnedConnections;
import io.helidon.common.socket.SocketOptions;
import io.helidon.webclient.api.ClientConnection;
import io.helidon.webclient.api.ConnectionKey;
import io.helidon.webclient.api.HttpClientResponse;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.TcpClientConnection;
import io.helidon.webclient.api.WebClient;
import io.helidon.webclient.http1.Http1Client;

/**
 * The server under load, reached with Helidon's HTTP/1.1 client over connections the caller owns.
 *
 * <p>Each connection belongs to one load user and is never pooled ({@link OwnedConnections} says why).
 */
final class Target implements AutoCloseable {

    private final URI uri;
    private final WebClient webClient;
    private final Http1Client client;
    private final ConnectionKey key;

    Target(URI uri, Duration timeout) {
        this.uri = uri;
        SocketOptions socket = SocketOptions.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .tcpNoDelay(true)
                .build();
        // Loopback benchmarks: never look up a system proxy, and send relative request lines.
        this.webClient = WebClient.builder()
                .socketOptions(socket)
                .proxy(Proxy.noProxy())
                .shareConnectionCache(false)
                .build();
        this.client = Http1Client.builder()
                .socketOptions(socket)
                .readTimeout(timeout)
                .proxy(Proxy.noProxy())
                .followRedirects(false)
                .sendExpectContinue(false)
                .shareConnectionCache(false)
                .build();
        this.key = OwnedConnections.key(uri.getScheme(), uri.getHost(), port(uri), client.prototype());
    }

    /**
     * Opens a keep-alive connection; {@code onClose} runs when Helidon closes it (an error, or the server's
     * {@code Connection: close}).
     */
    TcpClientConnection open(Consumer<TcpClientConnection> onClose) {
        return OwnedConnections.open(webClient, key, connection -> true, onClose);
    }

    /** Sends {@code GET uri} on {@code connection}; the caller reads and closes the response. */
    HttpClientResponse get(ClientConnection connection) {
        return client.get().connection(connection).uri(uri).request();
    }

    static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : 80;
    }

    @Override
    public void close() {
        client.closeResource();
        webClient.closeResource();
    }
}
