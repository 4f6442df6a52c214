package dev.loomscope.jfr.event;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One blocking WebClient call, committed on the thread that made it. */
@Name(ClientCallEvent.NAME)
@Label("Client Call")
@Category({"loomscope", "Client"})
@Description("A blocking Helidon WebClient call: the thread that made it, the carriers before and after it, and"
        + " the thread of the request handler it was made for")
@StackTrace(false)
public final class ClientCallEvent extends CarrierSpanEvent {

    /** Event type name, as {@code jfr print --events} and JMC show it. */
    public static final String NAME = "loomscope.ClientCall";
    /** Field name of {@link #handlerThreadId}. */
    public static final String HANDLER_THREAD_ID = "handlerThreadId";
    /** Field name of {@link #status}. */
    public static final String STATUS = "status";
    /** Field name of {@link #outcome}. */
    public static final String OUTCOME = "outcome";

    @Label("Handler Thread Id")
    @Description("Java thread id of the request handler this call was made for; equals Thread Id when the handler"
            + " made the call itself, 0 when the call belongs to no request")
    public long handlerThreadId;

    @Label("Method")
    @Description("HTTP method of the call")
    public String method;

    @Label("Upstream URI")
    @Description("URI called, with its query")
    public String uri;

    @Label("Status")
    @Description("HTTP status code of the upstream response, 0 when no response arrived")
    public int status;

    @Label("Outcome")
    @Description("ok, http-error, refused, timeout or error")
    public String outcome;

    @Label("Response Size")
    @Description("Bytes of the upstream response body")
    @DataAmount(DataAmount.BYTES)
    public long responseBytes;
}
