package dev.loomscope.carrier;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * What runs the calling code right now: the thread, whether it is virtual, and for a mounted virtual thread its carrier.
 *
 * @param threadId Java thread id ({@link Thread#threadId()})
 * @param name     thread name, empty for unnamed virtual threads
 * @param virtual  whether the thread is a virtual thread
 * @param carrier  name of the platform thread carrying this virtual thread, empty for platform threads or when unknown
 */
public record RunningThread(long threadId, String name, boolean virtual, String carrier) {

    // VirtualThread.carrierThread (JDK 21 to 25: "private volatile Thread carrierThread", set while mounted; JDK 21
    // read in the jdk21u source, not run), or null when java.lang is not open to this class. The loomscope recorder
    // opens java.lang to its own module, the application class loader's unnamed module, which holds this class too
    // in the server and in any program started with the recorder on its class path. Reading the field spares the
    // Thread.toString() per call, which was 7% of a hop's CPU samples and a fifth of its allocation at S1.
    private static final MethodHandle CARRIER_FIELD = carrierField();

    /** Describes the current thread; never throws. */
    public static RunningThread current() {
        Thread thread = Thread.currentThread();
        return new RunningThread(thread.threadId(), thread.getName(), thread.isVirtual(), carrierOf(thread));
    }

    /**
     * Name of the carrier of {@code thread}, empty when not known: for the calling thread from its carrier field when
     * that is readable, otherwise from {@link Thread#toString()}.
     *
     * <p>The answer is only true until the thread next blocks, so callers take it at the point they want to describe.
     */
    static String carrierOf(Thread thread) {
        if (!thread.isVirtual()) {
            return "";
        }
        if (CARRIER_FIELD != null && thread == Thread.currentThread()) {
            // The thread runs this code, so it is mounted and the field holds its carrier until it next parks.
            try {
                Thread carrier = (Thread) CARRIER_FIELD.invokeExact(thread);
                if (carrier != null) {
                    return carrier.getName();
                }
            } catch (Throwable e) {
                // Cannot happen for a field getter of the right type; the printed form below still answers.
            }
        }
        return carrierFromText(thread);
    }

    /** Whether carriers are read from the virtual thread's own field rather than from its printed form. */
    static boolean readsCarrierField() {
        return CARRIER_FIELD != null;
    }

    /**
     * The carrier of {@code thread} as {@link Thread#toString()} prints it; empty when not known.
     *
     * <p>No public API names the carrier. JDK 21 to 25 print a mounted virtual thread as
     * {@code VirtualThread[#21,name]/runnable@ForkJoinPool-1-worker-2}; the text after the state is the carrier.
     */
    static String carrierFromText(Thread thread) {
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

    private static MethodHandle carrierField() {
        try {
            Class<?> virtualThread = Class.forName("java.lang.VirtualThread");
            return MethodHandles.privateLookupIn(virtualThread, MethodHandles.lookup())
                    .findGetter(virtualThread, "carrierThread", Thread.class)
                    .asType(MethodType.methodType(Thread.class, Thread.class));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // Not open to us (no recorder), or a JDK without the field: the printed form is read instead.
            return null;
        }
    }
}
