package dev.loomscope.it;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls a condition until it holds or a deadline passes: for states no event or latch tells us about. */
final class Await {

    private static final long POLL_MILLIS = 25;

    private Await() {
    }

    /**
     * Returns once {@code condition} is true; fails naming {@code what} after {@code limit}. Exceptions and
     * assertion errors from the condition end the wait at once.
     */
    static void until(Duration limit, String what, Callable<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            boolean done;
            try {
                done = condition.call();
            } catch (InterruptedException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError("waiting for " + what + ": " + e, e);
            }
            if (done) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("waited " + limit + " for " + what);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
