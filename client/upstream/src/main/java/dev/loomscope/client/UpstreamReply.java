package dev.loomscope.client;

import java.net.URI;

import dev.loomscope.carrier.RunningThread;

/**
 * What one successful upstream call answered, and the thread that made it just before and just after the call.
 *
 * @param uri          the URI called
 * @param status       HTTP status code
 * @param elapsedNanos time from sending the request to having read the whole body
 * @param bytes        size of the body in bytes
 * @param body         the body
 * @param before       the calling thread just before the call
 * @param after        the calling thread just after the call, when it may run on another carrier
 */
public record UpstreamReply(URI uri, int status, long elapsedNanos, int bytes, byte[] body,
                            RunningThread before, RunningThread after) {
}
