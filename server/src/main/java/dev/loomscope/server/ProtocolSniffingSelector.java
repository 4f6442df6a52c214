package dev.loomscope.server;

import java.util.Set;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionSelector;
import io.helidon.webserver.http2.Http2Config;
import io.helidon.webserver.http2.Http2ConnectionSelector;
import io.helidon.webserver.http2.Http2Upgrader;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * The public listener's only connection selector: HTTP/1.1 (with {@code Upgrade: h2c}) and h2c by prior knowledge,
 * told apart by a {@link SniffingConnection} once the connection exists.
 *
 * <p>Being the only candidate matters: Helidon 4.5 then creates the connection without reading a byte
 * (ConnectionHandler.identifyConnection), so its idle timeout covers the connection from the accept on.
 */
final class ProtocolSniffingSelector implements ServerConnectionSelector {

    private final ServerConnectionSelector http1;
    private final ServerConnectionSelector http2;

    private ProtocolSniffingSelector(ServerConnectionSelector http1, ServerConnectionSelector http2) {
        this.http1 = http1;
        this.http2 = http2;
    }

    /** HTTP/1.1 as {@code http1} says, upgradable to h2c, and HTTP/2 as {@code http2} says, on both paths. */
    static ProtocolSniffingSelector create(Http1Config http1, Http2Config http2) {
        return new ProtocolSniffingSelector(Http1ConnectionSelector.builder()
                                                    .config(http1)
                                                    .addUpgrader(Http2Upgrader.create(http2))
                                                    .build(),
                                            Http2ConnectionSelector.builder().http2Config(http2).build());
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        // Never asked while it is the only selector; every connection is ours, its protocol found by the connection.
        return Support.SUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of("http/1.1", "h2");
    }

    @Override
    public ServerConnection connection(ConnectionContext ctx) {
        return new SniffingConnection(ctx, http1, http2);
    }
}
