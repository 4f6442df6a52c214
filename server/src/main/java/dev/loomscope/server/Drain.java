package dev.loomscope.server;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The requests in flight, and whether the server is draining them before it stops.
 *
 * <p>Helidon's own stop closes the listening socket first, and this server's default upstream is its own
 * {@code /upstream} on that socket: requests in flight then fail to open upstream connections and end in 502. So the
 * stop drains first, with the socket still open and {@code /upstream} still answering, and only then stops Helidon.
 */
final class Drain {

    private int inFlight; // guarded by this
    private boolean draining; // guarded by this

    synchronized void enter() {
        inFlight++;
    }

    synchronized void exit() {
        inFlight--;
        if (inFlight == 0) {
            notifyAll();
        }
    }

    synchronized boolean draining() {
        return draining;
    }

    /** From now on answers say {@code Connection: close} and new requests are refused; returns those in flight. */
    synchronized int begin() {
        draining = true;
        return inFlight;
    }

    /** Returns once no request is in flight or after {@code limit}, with the number still in flight. */
    synchronized int awaitIdle(Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (inFlight > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return inFlight;
    }
}
