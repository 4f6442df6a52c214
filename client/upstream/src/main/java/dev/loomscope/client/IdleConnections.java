package dev.loomscope.client;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.webclient.api.TcpClientConnection;

/**
 * Idle keep-alive connections to one upstream, at most {@code capacity}, taken most recently used first.
 *
 * <p>Most recently used first keeps the connections a steady load needs warm and leaves the rest at the far end,
 * where an upstream that closes idle connections has closed them.
 */
final class IdleConnections {

    private final ConcurrentLinkedDeque<TcpClientConnection> idle = new ConcurrentLinkedDeque<>();
    // ConcurrentLinkedDeque.size() walks the deque; the cap needs a count.
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private volatile boolean closed;

    IdleConnections(int capacity) {
        this.capacity = capacity;
    }

    /** An idle connection for one request, or null when there is none. */
    TcpClientConnection take() {
        TcpClientConnection connection = idle.pollFirst();
        if (connection != null) {
            size.decrementAndGet();
        }
        return connection;
    }

    /** Keeps {@code connection} for a later request; false when it should be closed instead (full, or closed). */
    boolean put(TcpClientConnection connection) {
        if (closed) {
            return false;
        }
        if (size.incrementAndGet() > capacity) {
            size.decrementAndGet();
            return false;
        }
        idle.offerFirst(connection);
        if (closed) {
            // close() may have emptied the deque just before our offer.
            closeAll();
        }
        return true;
    }

    /** Closes every idle connection; connections given back later are closed instead of kept. */
    void close() {
        closed = true;
        closeAll();
    }

    /** Number of idle connections. */
    int size() {
        return size.get();
    }

    private void closeAll() {
        TcpClientConnection connection;
        while ((connection = take()) != null) {
            connection.closeResource();
        }
    }
}
