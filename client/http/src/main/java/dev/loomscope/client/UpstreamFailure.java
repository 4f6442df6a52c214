package dev.loomscope.client;

import java.io.EOFException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;

import io.helidon.common.buffers.DataReader;

/**
 * Why an HTTP call got no usable answer, with the gateway status and the plain words a user is told; the one
 * classification the server's upstream client and the load generator share.
 */
public enum UpstreamFailure {
    /** Nothing accepted the connection (nothing listening, or no route). */
    REFUSED("refused", 502, "the upstream refused the connection"),
    /** The peer closed or reset the connection before its answer was complete. */
    CLOSED("closed", 502, "the upstream closed the connection before answering"),
    /** Connecting, a read or the whole call took longer than allowed. */
    TIMEOUT("timeout", 504, "the upstream did not answer in time"),
    /** The bytes that came back do not start with an HTTP status line. */
    NOT_HTTP("not-http", 502, "the upstream's answer was not HTTP"),
    /** The answer was larger than the client accepts. */
    TOO_LARGE("too-large", 502, "the upstream's answer was too large"),
    /** Every connection to the upstream stayed in use for as long as a call may wait for one. */
    BUSY("busy", 503, "too many calls to the upstream at once"),
    /** The upstream answered with a status other than 2xx. */
    HTTP_ERROR("http-error", 502, "the upstream answered with an error status"),
    /** Anything else, such as an unknown host. */
    ERROR("error", 502, "the upstream call failed");

    // Helidon's Http1StatusParser throws IllegalStateException with this text for a line that is not a status line.
    private static final String NO_STATUS_LINE = "HTTP Response did not contain";

    private final String key;
    private final int gatewayStatus;
    private final String plainWords;

    UpstreamFailure(String key, int gatewayStatus, String plainWords) {
        this.key = key;
        this.gatewayStatus = gatewayStatus;
        this.plainWords = plainWords;
    }

    /** The word used in results, JSON problem bodies and {@code loomscope.ClientCall} outcomes. */
    public String key() {
        return key;
    }

    /** The status a gateway answers with: 504 for a timeout, 503 when busy, 502 otherwise. */
    public int gatewayStatus() {
        return gatewayStatus;
    }

    /** What happened, in words for a user: no class name, no address. */
    public String plainWords() {
        return plainWords;
    }

    /** The kind of {@code failure}, from the exception and its causes. */
    public static UpstreamFailure of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // SocketTimeoutException is an InterruptedIOException; so is an interrupted blocking read.
            if (t instanceof InterruptedIOException) {
                return TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return REFUSED;
            }
            // Helidon reports a peer that closed mid-answer as too little data; the JDK as reset or EOF.
            if (t instanceof SocketException || t instanceof EOFException
                    || t instanceof DataReader.InsufficientDataAvailableException) {
                return CLOSED;
            }
            if (t instanceof IllegalStateException && t.getMessage() != null
                    && t.getMessage().startsWith(NO_STATUS_LINE)) {
                return NOT_HTTP;
            }
        }
        return ERROR;
    }
}
