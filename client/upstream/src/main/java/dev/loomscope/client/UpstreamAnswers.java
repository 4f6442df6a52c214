package dev.loomscope.client;

import java.net.URI;
import java.time.Duration;

import dev.loomscope.carrier.RunningThread;
import dev.loomscope.jfr.event.ClientCallEvent;
import io.helidon.common.buffers.DataReader;

/** What an upstream call ended with, for either protocol: a reply for a 2xx answer, else a failure in plain words. */
final class UpstreamAnswers {

    private final UpstreamLimits limits;
    private final Duration readTimeout;

    UpstreamAnswers(UpstreamLimits limits, Duration readTimeout) {
        this.limits = limits;
        this.readTimeout = readTimeout;
    }

    // The answer of either protocol once its body is read: a reply for 2xx, an HTTP_ERROR failure for any other.
    static UpstreamReply reply(URI uri, int status, byte[] body, ClientCallEvent event, RunningThread before,
                               long start) {
        event.responseBytes = body.length;
        long elapsed = System.nanoTime() - start;
        if (status < 200 || status > 299) {
            throw new UpstreamException(UpstreamFailure.HTTP_ERROR, uri, status, "the upstream answered " + status,
                                        null);
        }
        event.outcome = "ok";
        return new UpstreamReply(uri, status, elapsed, body.length, body, before, RunningThread.current());
    }

    /** The failure a call that threw {@code e} ended with; a call past its deadline timed out, whatever it threw. */
    UpstreamException classify(URI uri, Exception e, boolean pastDeadline) {
        if (pastDeadline) {
            return new UpstreamException(UpstreamFailure.TIMEOUT, uri, 0, "the upstream did not answer within "
                    + limits.describeCallTimeout(), e);
        }
        if (e instanceof BoundedBody.TooLargeException) {
            return new UpstreamException(UpstreamFailure.TOO_LARGE, uri, 0, "the upstream's answer exceeded "
                    + limits.describeMaxResponse(), e);
        }
        UpstreamFailure kind = UpstreamFailure.of(e);
        String words = kind == UpstreamFailure.TIMEOUT
                ? "the upstream did not answer within " + UpstreamLimits.describe(readTimeout)
                : kind.plainWords();
        return new UpstreamException(kind, uri, 0, words, e);
    }

    // Closed or reset by the peer, not timed out or interrupted, with no byte of an answer left unread: the
    // upstream closed the connection while it was idle (or as our request arrived) and never started answering.
    static boolean closedBeforeAnswer(DataReader reader, RuntimeException e) {
        return !Thread.currentThread().isInterrupted()
                && UpstreamFailure.of(e) == UpstreamFailure.CLOSED
                && reader.available() == 0;
    }
}
