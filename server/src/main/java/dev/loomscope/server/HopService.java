package dev.loomscope.server;

import java.net.URI;
import java.util.List;

import dev.loomscope.client.CallOrigin;
import dev.loomscope.client.UpstreamClient;
import dev.loomscope.client.UpstreamReply;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /}: one blocking upstream call, answered with the thread and carrier of every step. */
final class HopService implements HttpService {

    private final UpstreamTarget upstream;
    private final UpstreamClient client;
    private final HopReportWriter reports = new HopReportWriter();

    HopService(UpstreamTarget upstream, UpstreamClient client) {
        this.upstream = upstream;
        this.client = client;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::hop);
    }

    private void hop(ServerRequest req, ServerResponse res) {
        Checkpoint handlerStart = Checkpoint.at("handler-start");
        URI uri = upstream.uriFor(req, QueryParams.get(req, QueryParams.DELAY_MS), QueryParams.get(req, QueryParams.BYTES));
        long requestId = RequestIds.of(req);
        UpstreamReply reply = client.get(uri, new CallOrigin(requestId, handlerStart.threadId()));
        Checkpoint beforeCall = Checkpoint.of("before-call", reply.before());
        Checkpoint afterCall = Checkpoint.of("after-call", reply.after());
        Checkpoint beforeSend = Checkpoint.at("before-send");
        boolean sameVirtualThread = handlerStart.virtual()
                && handlerStart.threadId() == beforeCall.threadId()
                && beforeCall.threadId() == afterCall.threadId();
        ServedProtocol protocol = ServedProtocol.of(req);
        reports.send(res, new HopReport(requestId, protocol.text(), ServedProtocol.streamId(req), req.socketId(),
                                        List.of(handlerStart, beforeCall, afterCall, beforeSend),
                                        sameVirtualThread,
                                        !beforeCall.carrier().equals(afterCall.carrier()),
                                        new HopReport.Upstream(uri.toString(), reply.status(),
                                                               reply.elapsedNanos() / 1_000_000.0, reply.bytes(),
                                                               client.protocol().text(), client.connectionsOpened())));
    }

    /**
     * The answer of {@code GET /}.
     *
     * @param requestId         loomscope request id, as in the JFR events
     * @param protocol          protocol that served the request: {@code HTTP/1.1} or {@code HTTP/2}
     * @param streamId          HTTP/2 stream id of the request, 0 on HTTP/1.1
     * @param connection        Helidon's id of the connection the request came on, as in its thread names
     * @param checkpoints       thread and carrier at handler start, before and after the call, and before sending
     * @param sameVirtualThread whether the handler and its client call ran on one virtual thread
     * @param carrierChanged    whether the thread resumed on another carrier after the call
     * @param upstream          what the upstream answered
     */
    record HopReport(long requestId, String protocol, int streamId, String connection, List<Checkpoint> checkpoints,
                     boolean sameVirtualThread, boolean carrierChanged,
                     Upstream upstream) {

        /**
         * The upstream call.
         *
         * @param uri           URI called
         * @param status        its status code
         * @param elapsedMillis time of the call
         * @param bytes         size of the body
         * @param protocol      protocol of the upstream calls ({@code client.protocol}): http/1.1 or h2c
         * @param connectionsOpened TCP connections the upstream client has opened since the server started
         */
        record Upstream(String uri, int status, double elapsedMillis, int bytes, String protocol,
                        long connectionsOpened) {
        }
    }
}
