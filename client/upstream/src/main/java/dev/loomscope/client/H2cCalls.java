package dev.loomscope.client;

import java.net.URI;
import java.time.Duration;

import io.helidon.common.config.Config;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import io.helidon.webclient.http2.Http2ClientResponse;

/**
 * Upstream GETs over h2c with prior knowledge: Helidon's HTTP/2 client keeps one connection per upstream and runs
 * concurrent calls as its streams, opening another only when the upstream's MAX_CONCURRENT_STREAMS is reached.
 *
 * <p>The call still runs on the caller's thread: the stream's request is written and its answer awaited there, while
 * one reader thread per connection hands the frames to the streams.
 */
final class H2cCalls implements AutoCloseable {

    private final Http2Client client;
    private final Duration readTimeout;

    private H2cCalls(Http2Client client, Duration readTimeout) {
        this.client = client;
        this.readTimeout = readTimeout;
    }

    /** Calls with the timeouts of the {@code client} section, counting the connections they open in {@code count}. */
    static H2cCalls create(Config clientConfig, Duration readTimeout, ConnectionCount count) {
        return new H2cCalls(Http2Client.builder()
                                    .config(clientConfig)
                                    .protocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(true).build())
                                    .proxy(Proxy.noProxy())
                                    // Its own connections: the count is of this client's alone.
                                    .shareConnectionCache(false)
                                    .connectionListener(count)
                                    .build(),
                            readTimeout);
    }

    /** Sends a GET of {@code uri} as a new stream and returns its answer, whose body the caller reads and closes. */
    Http2ClientResponse get(URI uri) {
        return client.get().uri(uri).readTimeout(readTimeout).request();
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
