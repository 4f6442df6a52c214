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
    /** Field name of {@link #protocol}. */
    public static final String PROTOCOL = "protocol";
    /** Field name of {@link #streamId}. */
    public static final String STREAM_ID = "streamId";
    /** Field name of {@link #connection}. */
    public static final String CONNECTION = "connection";

    @Label("Method")
    @Description("HTTP method of the request")
    public String method;

    @Label("Path")
    @Description("Request path, without the query")
    public String path;

    @Label("Status")
    @Description("HTTP status code of the response")
    public int status;

    @Label("Protocol")
    @Description("Protocol that served the request: HTTP/1.1 or HTTP/2 (h2c)")
    public String protocol;

    @Label("Stream Id")
    @Description("HTTP/2 stream id of the request on its connection; 0 on HTTP/1.1, which has no streams")
    public int streamId;

    @Label("Connection")
    @Description("Helidon's id of the TCP connection the request arrived on, as in its thread names (0x...)")
    public String connection;
}
