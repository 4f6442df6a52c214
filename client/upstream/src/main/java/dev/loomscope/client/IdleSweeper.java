package dev.loomscope.client;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs an eviction of idle connections at a fixed period, so that an idle connection older than the idle timeout is
 * closed even when no call comes to take it.
 */
final class IdleSweeper implements AutoCloseable {

    // However short the idle timeout, sweeping more often than this costs more than the connections it closes.
    private static final Duration SHORTEST_PERIOD = Duration.ofMillis(100);

    private final ScheduledThreadPoolExecutor timer;

    IdleSweeper(Duration idleTimeout, Runnable sweep) {
        this.timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            // Not "loomscope-": that prefix names the virtual threads loomscope starts per request (docs/CONTRACTS.md).
            Thread thread = new Thread(runnable, "upstream-idle-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        // Half the timeout: a connection is closed at most 1.5 timeouts after its last use.
        long period = Math.max(idleTimeout.toNanos() / 2, SHORTEST_PERIOD.toNanos());
        timer.scheduleWithFixedDelay(sweep, period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
