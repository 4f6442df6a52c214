package dev.loomscope.client;

/**
 * The server request a client call is made for.
 *
 * @param requestId       loomscope request id, 0 for a call outside any request
 * @param handlerThreadId Java thread id of that request's handler, 0 for a call outside any request
 */
public record CallOrigin(long requestId, long handlerThreadId) {

    /** Origin of a call made outside any server request, such as the load generator's. */
    public static final CallOrigin NONE = new CallOrigin(0, 0);
}
