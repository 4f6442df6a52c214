package dev.loomscope.client;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.helidon.webclient.api.TcpClientConnection;

/**
 * Ends calls that run past their deadline by closing their connection, which fails the read the call is blocked in.
 *
 * <p>A read timeout bounds each read, not the call: an upstream that sends a byte just before every timeout would hold
 * the caller forever.
 */
final class CallDeadlines implements AutoCloseable {

    private final Duration timeout;
    private final ScheduledThreadPoolExecutor timer;

    CallDeadlines(Duration timeout) {
        this.timeout = timeout;
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            // Not "loomscope-": that prefix names the virtual threads loomscope starts per request (docs/CONTRACTS.md).
            Thread thread = new Thread(runnable, "upstream-call-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        // Almost every call ends before its deadline: cancelled tasks leave the queue at once.
        timer.setRemoveOnCancelPolicy(true);
    }

    /** A deadline for one call, running from now. */
    Deadline start() {
        Deadline deadline = new Deadline();
        deadline.expiry = timer.schedule(deadline::expire, timeout.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    /** The time a call may take. */
    Duration timeout() {
        return timeout;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One call's deadline: what ends the call (closing its connection or stream), and whether it passed. */
    static final class Deadline {
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int EXPIRED = 2;

        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile Runnable abort;
        private volatile ScheduledFuture<?> expiry;

        /** Watches {@code connection}, the one the call now uses; closes it at once if the deadline has passed. */
        void watch(TcpClientConnection connection) {
            watch(connection::closeResource);
        }

        /** Watches a call that {@code abort} ends, such as an HTTP/2 stream's close; runs it at once if too late. */
        void watch(Runnable abort) {
            this.abort = abort;
            if (state.get() == EXPIRED) {
                abort.run();
            }
        }

        /** Whether the deadline passed before the call ended. */
        boolean expired() {
            return state.get() == EXPIRED;
        }

        /** Ends the watch: the call is over. */
        void end() {
            if (state.compareAndSet(RUNNING, DONE)) {
                ScheduledFuture<?> expiry = this.expiry;
                if (expiry != null) {
                    expiry.cancel(false);
                }
            }
        }

        private void expire() {
            if (state.compareAndSet(RUNNING, EXPIRED)) {
                Runnable current = abort;
                if (current != null) {
                    current.run();
                }
            }
        }
    }
}
