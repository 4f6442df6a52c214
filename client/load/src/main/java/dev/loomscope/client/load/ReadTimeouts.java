package dev.loomscope.client.load;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends the reads of the generator's connections that wait longer than the timeout, from one watcher thread that
 * looks at every open connection each {@link #periodNanos()}, as wrk does.
 *
 * <p>The alternative, a socket read timeout, makes every blocking read a timed park of its virtual thread, and a
 * timed park schedules and cancels a timer task each time: the largest allocation of the generator at 64
 * connections, one task per request (docs/benchmarks.md, "Load generator"). With the watcher a read parks untimed
 * and a timeout costs a few field writes per read. A read that times out ends within one period after its
 * deadline.
 */
final class ReadTimeouts implements AutoCloseable {

    private static final long MIN_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long MAX_PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Duration timeout;
    private final long timeoutNanos;
    private final long periodNanos;
    private final Set<KeepAliveConnection> open = ConcurrentHashMap.newKeySet();
    private Thread watcher;
    private boolean closed;

    /** Reads may wait {@code timeout} (at least a millisecond); so may connects, which time out on their own. */
    ReadTimeouts(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = Math.max(MIN_PERIOD_NANOS, timeout.toNanos());
        this.periodNanos = Math.clamp(timeoutNanos / 10, MIN_PERIOD_NANOS, MAX_PERIOD_NANOS);
    }

    Duration timeout() {
        return timeout;
    }

    long timeoutNanos() {
        return timeoutNanos;
    }

    /** How often the watcher looks: a tenth of the timeout, between 1 and 100 ms. */
    long periodNanos() {
        return periodNanos;
    }

    /** Watches {@code connection} until {@link #forget}; starts the watcher with the first one. */
    void watch(KeepAliveConnection connection) {
        synchronized (this) {
            if (closed) {
                // The run is over: a connection opened now must not wait unwatched.
                connection.close();
                return;
            }
            if (watcher == null) {
                watcher = Thread.ofPlatform().daemon().name("loomscope-load-timeouts").start(this::watchUntilClosed);
            }
            // Under the lock: a connection is either closed here or seen by close().
            open.add(connection);
        }
    }

    void forget(KeepAliveConnection connection) {
        open.remove(connection);
    }

    /** Stops the watcher and closes the connections still open, which ends their reads. */
    @Override
    public void close() {
        Thread stopping;
        synchronized (this) {
            closed = true;
            stopping = watcher;
        }
        if (stopping != null) {
            stopping.interrupt();
        }
        open.forEach(KeepAliveConnection::close);
    }

    private void watchUntilClosed() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                TimeUnit.NANOSECONDS.sleep(periodNanos);
                long now = System.nanoTime();
                for (KeepAliveConnection connection : open) {
                    connection.expireIfDue(now);
                }
            }
        } catch (InterruptedException e) {
            // closed
        }
    }
}
