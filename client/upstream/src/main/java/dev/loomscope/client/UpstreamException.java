package dev.loomscope.client;

import java.net.URI;

/** An upstream call that produced no usable answer, with the kind of failure a gateway reports. */
public final class UpstreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final UpstreamFailure kind;
    private final URI uri;
    private final int status;

    UpstreamException(UpstreamFailure kind, URI uri, int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
        this.uri = uri;
        this.status = status;
    }

    /** Why the call failed; {@link #getMessage()} says it in plain words, naming no class and no address. */
    public UpstreamFailure kind() {
        return kind;
    }

    /** The URI that was called. */
    public URI uri() {
        return uri;
    }

    /** The upstream's status code for {@link UpstreamFailure#HTTP_ERROR}, otherwise 0. */
    public int status() {
        return status;
    }
}
