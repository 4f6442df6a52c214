package dev.loomscope.client.load;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Starts the clock only when every connection is open (or has failed to open), so that connecting, and the class
 * loading of the first connects, does not count against the schedule of an open loop or the first second.
 */
final class Launch {

    private final CountDownLatch connected;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Run run;

    Launch(int connections) {
        this.connected = new CountDownLatch(connections);
    }

    /** A connection is ready to send, or gave up connecting and will retry inside the run. */
    void connected() {
        connected.countDown();
    }

    /** Waits up to {@code nanos} for all connections; false if some are still connecting. */
    boolean awaitConnected(long nanos) throws InterruptedException {
        return connected.await(nanos, TimeUnit.NANOSECONDS);
    }

    /** Lets every connection start on {@code run}. */
    void start(Run run) {
        this.run = run;
        started.countDown();
    }

    /** Blocks until the run starts; the run's schedule and tally. */
    Run awaitStart() throws InterruptedException {
        started.await();
        return run;
    }

    /**
     * What the connections share once started.
     *
     * @param schedule when to send
     * @param tally    where to count
     */
    record Run(Schedule schedule, Tally tally) {
    }
}
