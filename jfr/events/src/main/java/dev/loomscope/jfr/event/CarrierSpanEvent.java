package dev.loomscope.jfr.event;

import dev.loomscope.carrier.RunningThread;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;

/**
 * A timed span of work on one thread that records the carrier at its start and at its end.
 *
 * <p>The thread fields repeat what the event thread already says because JMC 9.1 identifies threads by their OS
 * thread id, which is 0 for every virtual thread: without them JMC shows all virtual threads as one.
 */
public abstract class CarrierSpanEvent extends Event {

    /** Field name of {@link #requestId}, as readers of a recording look it up. */
    public static final String REQUEST_ID = "requestId";
    /** Field name of {@link #threadId}. */
    public static final String THREAD_ID = "threadId";
    /** Field name of {@link #virtual}. */
    public static final String VIRTUAL = "virtual";
    /** Field name of {@link #startCarrier}. */
    public static final String START_CARRIER = "startCarrier";
    /** Field name of {@link #endCarrier}. */
    public static final String END_CARRIER = "endCarrier";

    @Label("Request Id")
    @Description("Identifies the server request across loomscope events; 0 when there is none")
    public long requestId;

    @Label("Thread Id")
    @Description("Java thread id of the thread that did the work")
    public long threadId;

    @Label("Virtual")
    @Description("Whether that thread is a virtual thread")
    public boolean virtual;

    @Label("Start Carrier")
    @Description("Platform thread that carried the virtual thread when the span began; empty for platform threads")
    public String startCarrier;

    @Label("End Carrier")
    @Description("Platform thread that carried the virtual thread when the span ended; empty for platform threads")
    public String endCarrier;

    /** Starts the span on the calling thread, noting its carrier; cheap when the event is disabled. */
    public final void beginOn(long requestId) {
        if (!isEnabled()) {
            return;
        }
        RunningThread now = RunningThread.current();
        this.requestId = requestId;
        this.threadId = now.threadId();
        this.virtual = now.virtual();
        this.startCarrier = now.carrier();
        begin();
    }

    /** Ends the span on the calling thread and commits it when the recording wants it. */
    public final void endAndCommit() {
        end();
        if (shouldCommit()) {
            this.endCarrier = RunningThread.current().carrier();
            commit();
        }
    }
}
