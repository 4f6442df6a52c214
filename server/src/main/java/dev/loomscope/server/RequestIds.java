package dev.loomscope.server;

import java.util.concurrent.atomic.AtomicLong;

import io.helidon.webserver.http.ServerRequest;

/** Numbers the requests of one server so events and responses can name them; ids start at 1. */
final class RequestIds {

    private final AtomicLong last = new AtomicLong();

    long next() {
        return last.incrementAndGet();
    }

    /** The id {@link ServerRequestFilter} gave {@code request}, or 0 when the request passed no filter. */
    static long of(ServerRequest request) {
        return request.context().get(RequestId.class).map(RequestId::value).orElse(0L);
    }

    /** Request-scoped holder of the id, kept in the request's Helidon context. */
    record RequestId(long value) {
    }
}
