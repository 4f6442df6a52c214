package dev.loomscope.client.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The deadline of one connection's read in progress, shared by the reading thread and the {@link ReadTimeouts}
 * watcher: whichever ends the read first wins it, so a read is either answered or timed out, never both.
 */
final class ReadDeadline {

    // Values that no nanoTime deadline takes in practice: no read waiting, and a read the watcher timed out.
    private static final long NOT_READING = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    private final AtomicLong deadline = new AtomicLong(NOT_READING);

    /** Starts a read that may wait {@code timeoutNanos}; returns its deadline, for {@link #end}. */
    long begin(long timeoutNanos) {
        long due = System.nanoTime() + timeoutNanos;
        deadline.setRelease(due);
        return due;
    }

    /** Ends the read that began with {@code due}; false if the watcher had already timed it out. */
    boolean end(long due) {
        return deadline.compareAndSet(due, NOT_READING);
    }

    /** Times out the read in progress if its deadline is at or before {@code now}; true if this call did. */
    boolean expireIfDue(long now) {
        long due = deadline.getAcquire();
        return due != NOT_READING && due != EXPIRED && now - due >= 0 && deadline.compareAndSet(due, EXPIRED);
    }

    /** Whether the watcher timed out the read in progress. */
    boolean expired() {
        return deadline.getAcquire() == EXPIRED;
    }
}
