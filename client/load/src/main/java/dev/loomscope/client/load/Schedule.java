package dev.loomscope.client.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * When the connections send: in a closed loop as soon as each has its previous answer, in an open loop at the
 * times a fixed rate gives, whatever the answers do.
 *
 * <p>In open loop the latency of a request counts from its due time, not from when it could be sent, so a slow
 * server cannot hide its slowness by holding the load generator back (coordinated omission).
 */
abstract sealed class Schedule permits Schedule.ClosedLoop, Schedule.OpenLoop {

    /** Returned by {@link #next()} when the run has nothing more to send. */
    static final long STOP = Long.MIN_VALUE;

    final long start;
    final long measureStart;
    final long end;
    final boolean ends;
    private volatile boolean stopped;

    private Schedule(long start, long measureStart, long end, boolean ends) {
        this.start = start;
        this.measureStart = measureStart;
        this.end = end;
        this.ends = ends;
    }

    /** The schedule {@code options} ask for, starting at {@code start} (nanoTime). */
    static Schedule of(LoadOptions options, long start) {
        long measureStart = start + options.warmup().toNanos();
        boolean ends = options.requests().isEmpty();
        long end = ends ? measureStart + options.duration().toNanos() : 0;
        if (options.openLoop()) {
            return new OpenLoop(start, measureStart, end, ends, options.rate(), options.requests().orElse(0));
        }
        return new ClosedLoop(start, measureStart, end, ends, options.requests().orElse(0));
    }

    /**
     * Due time (nanoTime) of the calling connection's next request, after waiting for it in open loop; or
     * {@link #STOP}.
     */
    abstract long next();

    /**
     * Requests of the measured part due before {@code until} (nanoTime) that no connection has taken: in open loop,
     * those the schedule owed while every connection was busy; once the run has stopped, those it never sent.
     */
    abstract long missed(long until);

    /** Sends nothing more; connections waiting for a due time give up. */
    void stop() {
        stopped = true;
    }

    boolean stopped() {
        return stopped;
    }

    /** Closed loop: send now, until the end time or until the measured requests are handed out. */
    static final class ClosedLoop extends Schedule {

        private final AtomicLong tickets;

        ClosedLoop(long start, long measureStart, long end, boolean ends, long requests) {
            super(start, measureStart, end, ends);
            this.tickets = new AtomicLong(requests);
        }

        @Override
        long next() {
            if (stopped()) {
                return STOP;
            }
            long now = System.nanoTime();
            if (ends) {
                return now - end >= 0 ? STOP : now;
            }
            // Counted runs: warm-up requests are free, each measured one takes a ticket.
            if (now - measureStart >= 0 && tickets.getAndDecrement() <= 0) {
                return STOP;
            }
            return now;
        }

        // A closed loop owes nothing: each connection sends when it has its answer.
        @Override
        long missed(long until) {
            return 0;
        }
    }

    /** Open loop: request k is due at start + k / rate; whichever connection is free takes the next one. */
    static final class OpenLoop extends Schedule {

        private final double nanosPerRequest;
        private final AtomicLong slots = new AtomicLong();
        private final long firstMeasuredSlot;
        private final long lastSlot;

        OpenLoop(long start, long measureStart, long end, boolean ends, double rate, long requests) {
            super(start, measureStart, end, ends);
            this.nanosPerRequest = 1e9 / rate;
            this.firstMeasuredSlot = firstSlotDueAtOrAfter(measureStart);
            this.lastSlot = ends ? Long.MAX_VALUE : firstMeasuredSlot + requests;
        }

        @Override
        long next() {
            if (stopped()) {
                return STOP;
            }
            long slot = slots.getAndIncrement();
            if (slot >= lastSlot) {
                return STOP;
            }
            long due = dueTime(slot);
            if (ends && due - end >= 0) {
                return STOP;
            }
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
                if (stopped() || Thread.currentThread().isInterrupted()) {
                    return STOP;
                }
            }
            return due;
        }

        private long dueTime(long slot) {
            return start + (long) (slot * nanosPerRequest);
        }

        @Override
        long missed(long until) {
            long dueBefore = Math.min(firstSlotDueAtOrAfter(ends ? Math.min(until, end) : until), lastSlot);
            // Slots are handed out in order, so the taken ones are a prefix; next() may count past the last one.
            long taken = Math.max(firstMeasuredSlot, Math.min(slots.get(), dueBefore));
            return Math.max(0, dueBefore - taken);
        }

        private long firstSlotDueAtOrAfter(long time) {
            if (time - start <= 0) {
                return 0;
            }
            long slot = (long) Math.ceil((time - start) / nanosPerRequest);
            while (slot > 0 && dueTime(slot - 1) - time >= 0) {
                slot--;
            }
            while (dueTime(slot) - time < 0) {
                slot++;
            }
            return slot;
        }
    }
}
