package dev.loomscope.server;

import dev.loomscope.jfr.event.ServerRequestEvent;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/** Gives every request an id and records it as a {@code loomscope.ServerRequest} event on the handler's thread. */
final class ServerRequestFilter implements Filter {

    private final RequestIds requestIds;

    ServerRequestFilter(RequestIds requestIds) {
        this.requestIds = requestIds;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long id = requestIds.next();
        req.context().register(new RequestIds.RequestId(id));
        ServerRequestEvent event = new ServerRequestEvent();
        event.beginOn(id);
        try {
            chain.proceed();
        } finally {
            if (event.isEnabled()) {
                event.method = req.prologue().method().text();
                // The prologue holds the path as sent; req.path() in a filter is a routed path, "/" before routing.
                event.path = req.prologue().uriPath().absolute().path();
                event.status = res.status().code();
                event.protocol = ServedProtocol.of(req).text();
                event.streamId = ServedProtocol.streamId(req);
                event.connection = req.socketId();
            }
            event.endAndCommit();
        }
    }
}
