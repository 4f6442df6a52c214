package dev.loomscope.server;

import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http2.Http2Config;
import io.helidon.webserver.spi.ProtocolConfig;

/**
 * The public listener's protocols: HTTP/1.1 from {@code server.protocols.http_1_1} and h2c from
 * {@code server.protocols.http_2} in application.yaml, both served by one {@link ProtocolSniffingSelector}.
 *
 * <p>Helidon turns every configured protocol into a selector of its own, and with two it sniffs the first bytes
 * before a connection exists (see {@link SniffingConnection}). So the two configured entries are read here and
 * stand in the builder as {@link HandledHere}: Helidon does not build a configured protocol its builder already
 * holds by type and name (ProvidedUtil.discoverServices), and makes no selector for a config that is not its own.
 */
final class ServerProtocols {

    static final String HTTP_1_1 = "http_1_1";
    static final String HTTP_2 = "http_2";

    private ServerProtocols() {
    }

    /**
     * Sets {@code server}'s protocols from {@code protocols} ({@code server.protocols}); HTTP/1.1 tells
     * {@code listener} of each request line and header block.
     */
    static void configure(WebServerConfig.Builder server, Config protocols, Http1ConnectionListener listener) {
        Http1Config http1 = Http1Config.builder()
                .config(protocols.get(HTTP_1_1))
                .addReceiveListener(listener)
                .build();
        Http2Config http2 = Http2Config.builder()
                .config(protocols.get(HTTP_2))
                .build();
        server.protocolsDiscoverServices(false)
                .addProtocol(new HandledHere(HTTP_1_1))
                .addProtocol(new HandledHere(HTTP_2))
                .addConnectionSelector(ProtocolSniffingSelector.create(http1, http2));
    }

    /** A protocol of {@code server.protocols} that {@link ProtocolSniffingSelector} serves, not Helidon's selector. */
    record HandledHere(String type) implements ProtocolConfig {

        @Override
        public String name() {
            // Helidon names a configured protocol by its key, which is its type.
            return type;
        }
    }
}
