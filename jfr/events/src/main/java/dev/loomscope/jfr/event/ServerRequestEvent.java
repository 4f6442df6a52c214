package dev.loomscope.jfr.event;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One HTTP request handled by the loomscope server, committed on the thread that ran its handler. */
@Name(ServerRequestEvent.NAME)
@Label("Server Request")
@Category({"loomscope", "Server"})
@Description("An HTTP request handled by the loomscope server: the thread that ran its handler and the carriers"
        + " it started and ended on")
@StackTrace(false)
public final class ServerRequestEvent extends CarrierSpanEvent {

    /** Event type name, as {@code jfr print --events} and JMC show it. */
    public static final String NAME = "loomscope.ServerRequest";
    /** Field name of {@link #path}. */
    public static final String PATH = "path";
    /** Field name of {@link #status}. */
    public static final String STATUS = "status";

    @Label("Method")
    @Description("HTTP method of the request")
    public String method;

    @Label("Path")
    @Description("Request path, without the query")
    public String path;

    @Label("Status")
    @Description("HTTP status code of the response")
    public int status;
}
