package dev.loomscope.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/**
 * Closes a connection whose request headers do not arrive within a limit after its request line.
 *
 * <p>Helidon 4.5 has no such setting: its idle-connection timeout interrupts a connection only while it waits for a
 * request line, so a client that sends a request line and then headers a byte at a time, or none, held a connection
 * and its virtual thread for as long as it liked. Helidon tells an HTTP/1 receive listener when the request line and
 * when the headers have been read; between the two, a timer runs.
 */
final class HeaderTimeout implements Http1ConnectionListener {

    private final Duration limit;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("header-timeout").factory());
    private final Map<ConnectionContext, ScheduledFuture<?>> pending = new ConcurrentHashMap<>();

    HeaderTimeout(Duration limit) {
        this.limit = limit;
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        pending.put(ctx, timer.schedule(() -> expire(ctx), limit.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        ScheduledFuture<?> timeout = pending.remove(ctx);
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    private void expire(ConnectionContext ctx) {
        if (pending.remove(ctx) != null) {
            // Closing the socket ends the connection's blocked read; there is no request yet to answer.
            ctx.serverSocket().close();
        }
    }
}
