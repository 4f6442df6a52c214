package dev.loomscope.jfr.analysis;

import java.util.Arrays;

import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.JfrEvent;

/** The server's requests: what every span has in a {@link SpanStore}, with each one's request id, path and status. */
final class RequestSpans {

    private final SpanStore spans;
    private final Names carriers;
    private final Names paths;
    private long[] requestId;
    private int[] path;
    private int[] status;

    /** Carriers and paths are looked up in the dictionaries given; room for {@code capacity} before arrays grow. */
    RequestSpans(Names carriers, Names paths, int capacity) {
        this.spans = new SpanStore(capacity);
        this.carriers = carriers;
        this.paths = paths;
        int room = Math.max(16, capacity);
        requestId = new long[room];
        path = new int[room];
        status = new int[room];
    }

    /** Adds the span of a {@link ServerRequestEvent} whose field indexes are {@code fields}. */
    void add(JfrEvent event, RequestFields fields) {
        int i = spans.add(event, fields, carriers);
        if (i == requestId.length) {
            grow(i + 1);
        }
        requestId[i] = event.getLong(fields.requestId);
        path[i] = paths.index(SpanStore.text(event.getString(fields.path)));
        status[i] = (int) event.getLong(fields.status);
    }

    /** Appends every request of {@code other}, its carrier and path indexes translated by the arrays given. */
    void append(RequestSpans other, int[] carrierIndexes, int[] pathIndexes) {
        int from = spans.size();
        int count = other.spans.size();
        spans.append(other.spans, carrierIndexes);
        grow(from + count);
        System.arraycopy(other.requestId, 0, requestId, from, count);
        System.arraycopy(other.status, 0, status, from, count);
        for (int i = 0; i < count; i++) {
            path[from + i] = pathIndexes[other.path[i]];
        }
    }

    private void grow(int room) {
        if (requestId.length < room) {
            int capacity = Math.max(room, requestId.length * 2);
            requestId = Arrays.copyOf(requestId, capacity);
            path = Arrays.copyOf(path, capacity);
            status = Arrays.copyOf(status, capacity);
        }
    }

    SpanStore spans() {
        return spans;
    }

    long requestId(int i) {
        return requestId[i];
    }

    /** The index of the request's path in the paths dictionary. */
    int path(int i) {
        return path[i];
    }

    int status(int i) {
        return status[i];
    }
}
