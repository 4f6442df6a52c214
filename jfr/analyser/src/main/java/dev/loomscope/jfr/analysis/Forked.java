package dev.loomscope.jfr.analysis;

import java.util.function.Supplier;

/**
 * A computation started on a thread of its own, to be joined: the report's independent parts run on the second
 * core while the caller does the rest (the JDK's common pool has one worker on two cores, often busy already).
 */
final class Forked<T> {

    private final Thread thread;
    private T value;
    private Throwable failure;

    private Forked(Supplier<T> work) {
        this.thread = Thread.ofPlatform().daemon().name("loomscope-analysis").unstarted(() -> {
            try {
                value = work.get();
            } catch (Throwable e) {
                failure = e;
            }
        });
    }

    /** Starts {@code work} now. */
    static <T> Forked<T> start(Supplier<T> work) {
        Forked<T> forked = new Forked<>(work);
        forked.thread.start();
        return forked;
    }

    /** Asks the work to stop: interrupts its thread. */
    void interrupt() {
        thread.interrupt();
    }

    /** Waits for the value; what the work threw is thrown here. */
    T join() {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return value;
    }
}
