package dev.loomscope.client.load;

import dev.loomscope.client.UpstreamFailure;

/** Why a request got no answer, as counted in {@link LoadResult#errors()}. */
enum ErrorKind {
    /** The target refused the connection (nothing listening, or no route). */
    REFUSED("refused"),
    /** Connecting or a read took longer than the timeout. */
    TIMEOUT("timeout"),
    /** The target closed or reset the connection before the answer was complete. */
    CLOSED("closed"),
    /** Anything else: unknown host, a response that is not HTTP, ... */
    ERROR("error");

    private final String key;

    ErrorKind(String key) {
        this.key = key;
    }

    /** The name used in results and JSON. */
    String key() {
        return key;
    }

    /** The kind of a failed request, as the shared {@link UpstreamFailure} classifier names it. */
    static ErrorKind of(Throwable failure) {
        return switch (UpstreamFailure.of(failure)) {
            case REFUSED -> REFUSED;
            case TIMEOUT -> TIMEOUT;
            case CLOSED -> CLOSED;
            case NOT_HTTP, TOO_LARGE, BUSY, HTTP_ERROR, ERROR -> ERROR;
        };
    }
}
