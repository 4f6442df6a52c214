package dev.loomscope.jfr.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A virtual thread handed to its scheduler to run again, committed by the loomscope agent on the thread that did
 * it (the waker): the time from this event to the virtual thread's next slice is its wait for a carrier.
 */
@Name(VirtualThreadWakeupEvent.NAME)
@Label("Virtual Thread Wake-up")
@Category({"loomscope", "Carrier"})
@Description("A virtual thread was submitted to its scheduler to run again; the event thread is the waker")
@StackTrace(false)
public final class VirtualThreadWakeupEvent extends jdk.jfr.Event {

    /** Event type name, as {@code jfr print --events} and JMC show it. */
    public static final String NAME = "loomscope.VirtualThreadWakeup";

    /** Woken by the JDK's I/O poller: Read-Poller/Write-Poller (21), MasterPoller or SubPoller-N (22+). */
    public static final String POLLER = "poller";
    /** Woken because a timed park or sleep ran out. */
    public static final String TIMER = "timer";
    /** First submission after Thread.start. */
    public static final String START = "start";
    /** Resubmitted by its own carrier after Thread.yield. */
    public static final String YIELD = "yield";
    /** Woken by another thread: an unpark, a lock release, a notify; the event thread says which. */
    public static final String THREAD = "thread";

    @Label("Virtual Thread")
    @Description("The virtual thread made runnable")
    public Thread virtualThread;

    @Label("Source")
    @Description("What woke it: poller, timer, start, yield or thread (then the event thread is the waker)")
    public String source;
}
