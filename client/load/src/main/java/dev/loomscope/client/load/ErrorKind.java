package dev.loomscope.client.load;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;

import io.helidon.common.buffers.DataReader;

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

    /** The kind of a failed request, from the exception and its causes. */
    static ErrorKind of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException) {
                return TIMEOUT;
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return REFUSED;
            }
            // Helidon reports a peer that closed mid-response as too little data; the JDK as reset or EOF.
            if (t instanceof SocketException || t instanceof EOFException
                    || t instanceof DataReader.InsufficientDataAvailableException) {
                return CLOSED;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ERROR;
    }
}
