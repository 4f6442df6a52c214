package dev.loomscope.server;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.concurrency.limits.Limit;
import io.helidon.common.task.InterruptableTask;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

/**
 * A public-port connection whose protocol is not known yet: it looks at the first bytes, without consuming them, and
 * hands the connection to HTTP/2 if they are the HTTP/2 connection preface, else to HTTP/1.1.
 *
 * <p>Helidon 4.5 sniffs the protocol itself only when a listener has several selectors, and then before any
 * connection exists (ConnectionHandler.identifyConnection): its idle timeout cannot close a client that sends nothing,
 * and HTTP/1.1 loses its 400 and 414 answers for lines it cannot take. This connection exists from the accept on, so
 * the idle timeout sees it, and every byte that is not the preface goes to HTTP/1.1, which answers it.
 */
final class SniffingConnection implements ServerConnection, InterruptableTask<Void> {

    /** RFC 9113 section 3.4: what a client with prior knowledge sends first. */
    static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ConnectionContext ctx;
    private final ServerConnectionSelector http1;
    private final ServerConnectionSelector http2;
    private final long accepted = System.nanoTime();
    // Written once by the connection's thread when the protocol is known; close() reads it from the idle timer.
    private volatile ServerConnection chosen;
    private volatile Thread thread;
    private volatile boolean closed;

    SniffingConnection(ConnectionContext ctx, ServerConnectionSelector http1, ServerConnectionSelector http2) {
        this.ctx = ctx;
        this.http1 = http1;
        this.http2 = http2;
    }

    @Override
    public void handle(Limit limit) throws InterruptedException {
        thread = Thread.currentThread();
        boolean h2;
        try {
            h2 = startsWithPreface(ctx.dataReader());
        } catch (DataReader.InsufficientDataAvailableException e) {
            throw new CloseConnectionException("closed before its first bytes", e);
        }
        ServerConnection connection = (h2 ? http2 : http1).connection(ctx);
        chosen = connection;
        // Written before closed is read, as close() writes closed before it reads chosen: one of the two sees the
        // other, so a close during the sniff is never lost.
        if (closed) {
            throw new CloseConnectionException("closed before its protocol was known");
        }
        connection.handle(limit);
    }

    /**
     * Whether the data starts with the HTTP/2 preface; reads only as far as the bytes seen are a prefix of it and
     * moves no position, so the chosen protocol reads every byte again.
     */
    static boolean startsWithPreface(DataReader reader) {
        reader.ensureAvailable();
        while (true) {
            int seen = Math.min(reader.available(), PREFACE.length);
            BufferData data = reader.getBuffer(seen);
            for (int i = 0; i < seen; i++) {
                if ((byte) data.read() != PREFACE[i]) {
                    return false;
                }
            }
            if (seen == PREFACE.length) {
                return true;
            }
            reader.pullData();
        }
    }

    @Override
    public Duration idleTime() {
        ServerConnection connection = chosen;
        // Until the protocol is known the connection has been idle since it was accepted: nothing was served on it.
        return connection != null ? connection.idleTime() : Duration.ofNanos(System.nanoTime() - accepted);
    }

    @Override
    public void close(boolean interrupt) {
        closed = true;
        ServerConnection connection = chosen;
        if (connection != null) {
            connection.close(interrupt);
            return;
        }
        Thread reading = thread;
        if (reading != null) {
            // Blocked in the first read, with no request to finish: the interrupt closes the socket and ends it.
            reading.interrupt();
        }
    }

    @Override
    public boolean canInterrupt() {
        ServerConnection connection = chosen;
        return connection == null || connection instanceof InterruptableTask<?> task && task.canInterrupt();
    }
}
