package dev.loomscope.jfr.analysis;

import java.util.List;

/**
 * Per protocol, how the server's requests were spread over connections and handler threads: one virtual thread per
 * connection running its requests in turn (Helidon's HTTP/1.1), or one per request, many in flight on one connection
 * (Helidon's HTTP/2, one virtual thread per stream).
 *
 * @param byProtocol one entry per protocol the loomscope.ServerRequest events name, most requests first
 */
public record ConnectionModels(List<Protocol> byProtocol) {

    /** One thread per connection: every connection's requests ran on one thread. */
    public static final String THREAD_PER_CONNECTION = "thread-per-connection";
    /** One thread per request (per stream on HTTP/2): no thread ran two requests. */
    public static final String THREAD_PER_REQUEST = "thread-per-request";
    /** Every connection carried one request: the recording cannot tell one thread per connection from one per request. */
    public static final String ONE_REQUEST_PER_CONNECTION = "one-request-per-connection";
    /** Neither: some threads ran several requests and some connections used several threads. */
    public static final String MIXED = "mixed";

    /**
     * The requests of one protocol.
     *
     * @param protocol                  {@code HTTP/1.1} or {@code HTTP/2}, as the events say
     * @param requests                  requests served by it
     * @param connections               distinct connections they came on
     * @param handlerThreads            distinct threads that ran their handlers
     * @param requestsPerHandlerThread  requests per handler thread, on average
     * @param maxInFlightPerConnection  most requests in flight at once on one connection
     * @param connectionsOnOneThread    connections all of whose requests ran on one thread
     * @param connectionsOnManyThreads  connections whose requests ran on more than one thread
     * @param model                     {@link #THREAD_PER_CONNECTION}, {@link #THREAD_PER_REQUEST},
     *                                  {@link #ONE_REQUEST_PER_CONNECTION} or {@link #MIXED}
     */
    public record Protocol(String protocol, long requests, long connections, long handlerThreads,
                           double requestsPerHandlerThread, long maxInFlightPerConnection,
                           long connectionsOnOneThread, long connectionsOnManyThreads, String model) {

        /** The model in plain words, with the figures that show it. */
        public String words() {
            String figures = Formats.counted(requests, "request") + " on " + Formats.counted(connections, "connection")
                    + " and " + Formats.counted(handlerThreads, "thread") + ", up to "
                    + Formats.count(maxInFlightPerConnection) + " in flight on one connection";
            return switch (model) {
                case THREAD_PER_CONNECTION -> protocol + ": one virtual thread per connection, its requests one"
                        + " after another on it (" + figures + ")";
                case ONE_REQUEST_PER_CONNECTION -> protocol + ": one request per connection, so this recording"
                        + " cannot tell one thread per connection from one per request (" + figures + ")";
                case THREAD_PER_REQUEST -> protocol + ": one thread per request"
                        + (protocol.startsWith("HTTP/2") ? " (per stream)" : "") + ", many on one connection ("
                        + figures + ")";
                default -> protocol + ": threads ran several requests and connections used several threads ("
                        + figures + ")";
            };
        }
    }

    /** The verdict's sentence: which model each protocol's requests show. */
    public String verdict() {
        return "Threading model: " + String.join("; ", byProtocol.stream().map(Protocol::words).toList()) + ".";
    }
}
