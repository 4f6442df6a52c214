package dev.loomscope.server;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Closes the connection after an answer that says {@code Connection: close}, counts requests for the {@link Drain},
 * and while draining refuses new work (except {@code /upstream}, which the requests in flight may still call).
 *
 * <p>Helidon 4.5 answers a request that sent {@code Connection: close} with the same header but keeps the connection
 * open (helidon-io/helidon#12324, fixed after 4.5.3); a client waiting for the promised EOF hangs until its own
 * timeout. Throwing {@link CloseConnectionException} once the answer is written makes Helidon close the socket.
 */
final class ConnectionFilter implements Filter {

    private final Drain drain;

    ConnectionFilter(Drain drain) {
        this.drain = drain;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        boolean askedToClose = req.headers().containsToken(HeaderValues.CONNECTION_CLOSE);
        // A call to /upstream is, by default, part of a request in flight here: answered and not counted.
        boolean upstream = req.prologue().uriPath().path().startsWith("/upstream");
        if (drain.draining() && !upstream) {
            res.header(HeaderValues.CONNECTION_CLOSE);
            ProblemHandlers.stopping(res);
            // Routing writes an answer sent from a filter only when it commits; the exception would skip that.
            res.commit();
            throw new CloseConnectionException("server stopping");
        }
        // A request that began before the stop and ends during it is told too, so its client does not reuse a
        // connection that is about to close.
        res.beforeSend(() -> {
            if (askedToClose || drain.draining() && !upstream) {
                res.header(HeaderValues.CONNECTION_CLOSE);
            }
        });
        if (upstream) {
            chain.proceed();
        } else {
            drain.enter();
            try {
                chain.proceed();
            } finally {
                drain.exit();
            }
        }
        if (askedToClose || drain.draining() && !upstream) {
            throw new CloseConnectionException("Connection: close");
        }
    }
}
