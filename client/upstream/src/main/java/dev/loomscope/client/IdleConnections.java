package dev.loomscope.client;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.webclient.api.TcpClientConnection;

/**
 * Idle keep-alive connections to one upstream, at most {@code capacity}, taken most recently used first; one idle
 * for longer than {@code maxIdleNanos} is closed instead of reused.
 *
 * <p>Most recently used first keeps the connections a steady load needs warm and leaves the rest at the far end,
 * where an upstream that closes idle connections has closed them, and where age eviction finds them.
 */
final class IdleConnections {

    private final ConcurrentLinkedDeque<Idle> idle = new ConcurrentLinkedDeque<>();
    // ConcurrentLinkedDeque.size() walks the deque; the cap needs a count.
    private final AtomicInteger size = new AtomicInteger();
    private final int capacity;
    private final long maxIdleNanos;
    private volatile boolean closed;

    IdleConnections(int capacity, long maxIdleNanos) {
        this.capacity = capacity;
        this.maxIdleNanos = maxIdleNanos;
    }

    /** An idle connection for one request, or null when there is none. */
    TcpClientConnection take() {
        long now = System.nanoTime();
        evictOlderThan(now - maxIdleNanos);
        Idle entry = idle.pollFirst();
        if (entry == null) {
            return null;
        }
        size.decrementAndGet();
        if (now - entry.since() > maxIdleNanos) {
            entry.connection().closeResource();
            return null;
        }
        return entry.connection();
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
        idle.offerFirst(new Idle(connection, System.nanoTime()));
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

    /** Closes the idle connections older than the idle timeout; the sweeper calls this when no call does. */
    void evictExpired() {
        evictOlderThan(System.nanoTime() - maxIdleNanos);
    }

    /** Number of idle connections. */
    int size() {
        return size.get();
    }

    // The oldest are at the far end: closing from there stops at the first one young enough.
    private void evictOlderThan(long limit) {
        Idle oldest;
        while ((oldest = idle.peekLast()) != null && oldest.since() - limit < 0) {
            if (idle.removeLastOccurrence(oldest)) {
                size.decrementAndGet();
                oldest.connection().closeResource();
            }
        }
    }

    private void closeAll() {
        Idle entry;
        while ((entry = idle.pollFirst()) != null) {
            size.decrementAndGet();
            entry.connection().closeResource();
        }
    }

    private record Idle(TcpClientConnection connection, long since) {
    }
}
