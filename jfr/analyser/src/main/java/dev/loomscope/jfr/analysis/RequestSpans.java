package dev.loomscope.jfr.analysis;

import java.util.Arrays;

import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.JfrEvent;

/**
 * The server's requests: what every span has in a {@link SpanStore}, with each one's request id, path and status,
 * and the protocol, stream id and connection that served it.
 */
final class RequestSpans {

    private final SpanStore spans;
    private final Names carriers;
    private final Names paths;
    private long[] requestId;
    private int[] path;
    private int[] status;
    // Protocol and connection names are this store's own: no other span kind has them.
    private final Names protocols = new Names(Integer.MAX_VALUE);
    private final Names connections = new Names(Integer.MAX_VALUE);
    private int[] protocol;
    private int[] streamId;
    private int[] connection;

    /** Carriers and paths are looked up in the dictionaries given; room for {@code capacity} before arrays grow. */
    RequestSpans(Names carriers, Names paths, int capacity) {
        this.spans = new SpanStore(capacity);
        this.carriers = carriers;
        this.paths = paths;
        int room = Math.max(16, capacity);
        requestId = new long[room];
        path = new int[room];
        status = new int[room];
        protocol = new int[room];
        streamId = new int[room];
        connection = new int[room];
    }

    /** Adds the span of a {@link ServerRequestEvent} whose field indexes are {@code fields}. */
    void add(JfrEvent event, RequestFields fields) {
        add(event.startNanos(), event.endNanos(), fields.threadId(event), event.getBoolean(fields.virtual),
            fields.carrier(event, fields.startCarrier, carriers), fields.carrier(event, fields.endCarrier, carriers),
            event.getLong(fields.requestId), event.getString(fields.path), (int) event.getLong(fields.status),
            event.getString(fields.protocol), (int) event.getLong(fields.streamId),
            event.getString(fields.connection));
    }

    /** Adds a request from its values, its carriers as indexes in the carriers' dictionary; null strings as "". */
    void add(long startNanos, long endNanos, long threadId, boolean virtual, int startCarrier, int endCarrier,
             long id, String pathText, int statusCode, String protocolText, int stream, String connectionText) {
        int i = spans.add(startNanos, endNanos, threadId, virtual, startCarrier, endCarrier);
        if (i == requestId.length) {
            grow(i + 1);
        }
        requestId[i] = id;
        path[i] = paths.index(SpanStore.text(pathText));
        status[i] = statusCode;
        protocol[i] = protocols.index(SpanStore.text(protocolText));
        streamId[i] = stream;
        connection[i] = connections.index(SpanStore.text(connectionText));
    }

    /** Appends every request of {@code other}, its carrier and path indexes translated by the arrays given. */
    void append(RequestSpans other, int[] carrierIndexes, int[] pathIndexes) {
        int from = spans.size();
        int count = other.spans.size();
        spans.append(other.spans, carrierIndexes);
        grow(from + count);
        System.arraycopy(other.requestId, 0, requestId, from, count);
        System.arraycopy(other.status, 0, status, from, count);
        System.arraycopy(other.streamId, 0, streamId, from, count);
        int[] protocolIndexes = protocols.indexesOf(other.protocols);
        int[] connectionIndexes = connections.indexesOf(other.connections);
        for (int i = 0; i < count; i++) {
            path[from + i] = pathIndexes[other.path[i]];
            protocol[from + i] = protocolIndexes[other.protocol[i]];
            connection[from + i] = connectionIndexes[other.connection[i]];
        }
    }

    /** Makes room for {@code room} spans in all. */
    void reserve(int room) {
        spans.reserve(room);
        grow(room);
    }

    private void grow(int room) {
        if (requestId.length < room) {
            int capacity = Math.max(room, requestId.length * 2);
            requestId = Arrays.copyOf(requestId, capacity);
            path = Arrays.copyOf(path, capacity);
            status = Arrays.copyOf(status, capacity);
            protocol = Arrays.copyOf(protocol, capacity);
            streamId = Arrays.copyOf(streamId, capacity);
            connection = Arrays.copyOf(connection, capacity);
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

    /** The protocols' dictionary; {@link #protocolIndexes} index it. */
    Names protocols() {
        return protocols;
    }

    /** Each request's protocol as an index in {@link #protocols}: the first {@code spans().size()} entries. */
    int[] protocolIndexes() {
        return protocol;
    }

    /** Each request's connection as an index among {@link #connectionCount} names: the first size() entries. */
    int[] connectionIndexes() {
        return connection;
    }

    int connectionCount() {
        return connections.size();
    }

    /** Whether any request names its protocol (recordings from before the field name none). */
    boolean namesProtocols() {
        for (int index = 0; index < protocols.size(); index++) {
            if (!protocols.name(index).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** Its HTTP/2 stream id, 0 on HTTP/1.1. */
    int streamId(int i) {
        return streamId[i];
    }
}
