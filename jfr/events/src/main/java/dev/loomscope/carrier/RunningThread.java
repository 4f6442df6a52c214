package dev.loomscope.carrier;

/**
 * What runs the calling code right now: the thread, whether it is virtual, and for a mounted virtual thread its carrier.
 *
 * @param threadId Java thread id ({@link Thread#threadId()})
 * @param name     thread name, empty for unnamed virtual threads
 * @param virtual  whether the thread is a virtual thread
 * @param carrier  name of the platform thread carrying this virtual thread, empty for platform threads or when unknown
 */
public record RunningThread(long threadId, String name, boolean virtual, String carrier) {

    /** Describes the current thread; never throws. */
    public static RunningThread current() {
        Thread thread = Thread.currentThread();
        return new RunningThread(thread.threadId(), thread.getName(), thread.isVirtual(), carrierOf(thread));
    }

    /**
     * Name of the carrier of {@code thread}, read from {@link Thread#toString()}; empty when not known.
     *
     * <p>No public API names the carrier. JDK 21 to 25 print a mounted virtual thread as
     * {@code VirtualThread[#21,name]/runnable@ForkJoinPool-1-worker-2}; the text after the state is the carrier.
     * The answer is only true until the thread next blocks, so callers take it at the point they want to describe.
     */
    static String carrierOf(Thread thread) {
        if (!thread.isVirtual()) {
            return "";
        }
        try {
            String text = thread.toString();
            String name = thread.getName();
            // Rebuild the prefix the JDK prints so a thread name containing '@' or "]/" cannot confuse the parse.
            String prefix = "VirtualThread[#" + thread.threadId() + (name.isEmpty() ? "" : "," + name) + "]/";
            if (!text.startsWith(prefix)) {
                return "";
            }
            int at = text.indexOf('@', prefix.length());
            return at < 0 ? "" : text.substring(at + 1);
        } catch (RuntimeException e) {
            // Thread.toString() of a foreign Thread subclass may throw; "unknown carrier" is the honest answer.
            return "";
        }
    }
}
