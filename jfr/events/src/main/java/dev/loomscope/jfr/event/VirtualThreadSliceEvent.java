package dev.loomscope.jfr.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One slice of a virtual thread's life on a carrier: from just before it mounted to just after it unmounted,
 * committed by the loomscope agent on the carrier itself.
 *
 * <p>The event thread is the carrier, a platform thread with a real OS thread id, so JMC 9.1 draws one lane per
 * carrier; the virtual thread is a field because JMC folds all virtual threads into one.
 */
@Name(VirtualThreadSliceEvent.NAME)
@Label("Virtual Thread Slice")
@Category({"loomscope", "Carrier"})
@Description("A virtual thread ran on this carrier from mount to unmount; the event thread is the carrier")
@StackTrace(false)
public final class VirtualThreadSliceEvent extends jdk.jfr.Event {

    /** Event type name, as {@code jfr print --events} and JMC show it. */
    public static final String NAME = "loomscope.VirtualThreadSlice";

    /** The slice ended because the virtual thread parked (LockSupport.park, sleep, blocking I/O). */
    public static final String PARKED = "parked";
    /** The slice ended because the virtual thread called Thread.yield. */
    public static final String YIELDED = "yielded";
    /** The slice ended because the virtual thread's task finished. */
    public static final String TERMINATED = "terminated";
    /** The slice ended because the virtual thread blocked entering a monitor (JDK 24+). */
    public static final String BLOCKED = "blocked";
    /** The slice ended because the virtual thread waited in Object.wait (JDK 24+). */
    public static final String WAITING = "waiting";
    /** The state after unmount was none the agent knows. */
    public static final String UNKNOWN = "unknown";

    @Label("Virtual Thread")
    @Description("The virtual thread that ran on the carrier")
    public Thread virtualThread;

    @Label("End")
    @Description("How the slice ended: parked, yielded, terminated, blocked, waiting or unknown")
    public String end;
}
