package dev.loomscope.client;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import dev.loomscope.carrier.RunningThread;
import dev.loomscope.jfr.event.ClientCallEvent;
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

    // One GET as a stream of the shared h2c connection. Its end is END_STREAM, never a close: nothing to clean up
    // on the connection, and the deadline ends only this stream.
    UpstreamReply get(URI uri, ClientCallEvent event, RunningThread before, long start,
                      CallDeadlines.Deadline deadline, int maxResponseBytes) throws IOException {
        Http2ClientResponse answer = client.get().uri(uri).readTimeout(readTimeout).request();
        deadline.watch(answer::close);
        try (Http2ClientResponse response = answer) {
            int status = response.status().code();
            event.status = status;
            byte[] body = BoundedBody.read(response, maxResponseBytes);
            return UpstreamAnswers.reply(uri, status, body, event, before, start);
        }
    }

    @Override
    public void close() {
        client.closeResource();
    }
}
