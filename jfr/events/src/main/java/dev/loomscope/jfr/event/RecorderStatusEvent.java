package dev.loomscope.jfr.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** Whether the loomscope agent records slices and wake-ups in this JVM, and if not, why not; once per chunk. */
@Name(RecorderStatusEvent.NAME)
@Label("Recorder Status")
@Category({"loomscope", "Carrier"})
@Description("Whether the loomscope agent records virtual thread slices and wake-ups, and why not when it does not")
@StackTrace(false)
@Period("everyChunk")
public final class RecorderStatusEvent extends jdk.jfr.Event {

    /** Event type name, as {@code jfr print --events} and JMC show it. */
    public static final String NAME = "loomscope.RecorderStatus";

    /** The agent instruments java.lang.VirtualThread and commits slices and wake-ups. */
    public static final String ON = "on";
    /** The agent found internals it does not know and left the JDK untouched. */
    public static final String OFF = "off";

    @Label("State")
    @Description("on or off")
    public String state;

    @Label("Reason")
    @Description("Why the recorder is off, or what it instruments when on")
    public String reason;

    @Label("Java Version")
    @Description("The runtime the agent inspected (java.runtime.version)")
    public String javaVersion;
}
