package dev.loomscope.client.load;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.helidon.common.socket.SocketOptions;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.helidon.webclient.http2.Http2ClientResponse;

/**
 * The server under load over h2c: one Helidon HTTP/2 client per connection, each with its own connection cache, so
 * that the streams of its users share exactly one TCP connection (while they stay under the server's
 * MAX_CONCURRENT_STREAMS; past it Helidon would open another).
 */
final class H2cTarget implements AutoCloseable {

    private final List<Connection> connections = new ArrayList<>();

    H2cTarget(URI uri, Duration timeout, int count) {
        SocketOptions socket = SocketOptions.builder()
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .tcpNoDelay(true)
                .build();
        for (int i = 0; i < count; i++) {
            connections.add(new Connection(uri, timeout, Http2Client.builder()
                    .socketOptions(socket)
                    .readTimeout(timeout)
                    .proxy(Proxy.noProxy())
                    .followRedirects(false)
                    .shareConnectionCache(false)
                    .protocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(true).build())
                    .build()));
        }
    }

    /** The {@code i}th connection, shared by its users. */
    Connection connection(int i) {
        return connections.get(i);
    }

    @Override
    public void close() {
        connections.forEach(c -> c.client().closeResource());
    }

    /** One h2c connection: its client, the URI its streams GET, and their read timeout. */
    record Connection(URI uri, Duration timeout, Http2Client client) {

        /** Sends {@code GET uri} as a new stream; the caller reads and closes the response. */
        Http2ClientResponse get() {
            return client.get().uri(uri).readTimeout(timeout).request();
        }
    }
}
