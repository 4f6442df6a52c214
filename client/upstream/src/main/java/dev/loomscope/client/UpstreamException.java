package dev.loomscope.client;

import java.net.URI;

/** An upstream call that produced no usable answer, with the kind of failure a gateway reports. */
public final class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the call failed; each kind maps to one gateway status and one {@code ClientCall} outcome. */
    public enum Kind {
        /** The upstream refused or dropped the connection. */
        REFUSED("refused"),
        /** The upstream did not answer within the read or connect timeout. */
        TIMEOUT("timeout"),
        /** The upstream answered with a status other than 2xx. */
        HTTP_ERROR("http-error"),
        /** Any other I/O or protocol failure. */
        ERROR("error");

        private final String outcome;

        Kind(String outcome) {
            this.outcome = outcome;
        }

        /** The word recorded as the outcome of a {@code loomscope.ClientCall} event. */
        public String outcome() {
            return outcome;
        }
    }

    private final Kind kind;
    private final URI uri;
    private final int status;

    UpstreamException(Kind kind, URI uri, int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.uri = uri;
        this.status = status;
    }

    /** Why the call failed. */
    public Kind kind() {
        return kind;
    }

    /** The URI that was called. */
    public URI uri() {
        return uri;
    }

    /** The upstream's status code for {@link Kind#HTTP_ERROR}, otherwise 0. */
    public int status() {
        return status;
    }
}
