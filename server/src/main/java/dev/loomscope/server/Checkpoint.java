package dev.loomscope.server;

import dev.loomscope.carrier.RunningThread;

/**
 * Which thread and carrier ran one step of a request.
 *
 * @param step       what the request was about to do or had just done
 * @param threadId   Java thread id
 * @param threadName thread name, empty for an unnamed virtual thread
 * @param virtual    whether the thread is virtual
 * @param carrier    carrier of the virtual thread at that step, empty for a platform thread
 */
record Checkpoint(String step, long threadId, String threadName, boolean virtual, String carrier) {

    /** The current thread at {@code step}. */
    static Checkpoint at(String step) {
        return of(step, RunningThread.current());
    }

    static Checkpoint of(String step, RunningThread thread) {
        return new Checkpoint(step, thread.threadId(), thread.name(), thread.virtual(), thread.carrier());
    }
}
