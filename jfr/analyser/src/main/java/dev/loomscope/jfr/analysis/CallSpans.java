package dev.loomscope.jfr.analysis;

import java.util.Arrays;

import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.read.JfrEvent;

/**
 * The client calls: what every span has in a {@link SpanStore}, with each one's request id, the thread of the
 * request that made it and its outcome.
 */
final class CallSpans {

    private final SpanStore spans;
    private final Names carriers;
    private final Names outcomes;
    private long[] requestId;
    private long[] handlerThreadId;
    private int[] outcome;

    /** Carriers and outcomes are looked up in the dictionaries given; room for {@code capacity} before arrays grow. */
    CallSpans(Names carriers, Names outcomes, int capacity) {
        this.spans = new SpanStore(capacity);
        this.carriers = carriers;
        this.outcomes = outcomes;
        int room = Math.max(16, capacity);
        requestId = new long[room];
        handlerThreadId = new long[room];
        outcome = new int[room];
    }

    /** Adds the span of a {@link ClientCallEvent} whose field indexes are {@code fields}. */
    void add(JfrEvent event, CallFields fields) {
        add(event.startNanos(), event.endNanos(), fields.threadId(event), event.getBoolean(fields.virtual),
            fields.carrier(event, fields.startCarrier, carriers), fields.carrier(event, fields.endCarrier, carriers),
            event.getLong(fields.handlerThreadId), event.getLong(fields.requestId), event.getString(fields.outcome));
    }

    /** Adds a call from its values, its carriers as indexes in the carriers' dictionary; a null outcome as "". */
    void add(long startNanos, long endNanos, long threadId, boolean virtual, int startCarrier, int endCarrier,
             long handlerThread, long request, String outcomeText) {
        int i = spans.add(startNanos, endNanos, threadId, virtual, startCarrier, endCarrier);
        if (i == requestId.length) {
            grow(i + 1);
        }
        handlerThreadId[i] = handlerThread;
        requestId[i] = request;
        outcome[i] = outcomes.index(SpanStore.text(outcomeText));
    }

    /** Appends every call of {@code other}, its carrier and outcome indexes translated by the arrays given. */
    void append(CallSpans other, int[] carrierIndexes, int[] outcomeIndexes) {
        int from = spans.size();
        int count = other.spans.size();
        spans.append(other.spans, carrierIndexes);
        grow(from + count);
        System.arraycopy(other.requestId, 0, requestId, from, count);
        System.arraycopy(other.handlerThreadId, 0, handlerThreadId, from, count);
        for (int i = 0; i < count; i++) {
            outcome[from + i] = outcomeIndexes[other.outcome[i]];
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
            handlerThreadId = Arrays.copyOf(handlerThreadId, capacity);
            outcome = Arrays.copyOf(outcome, capacity);
        }
    }

    /** Sets {@code tag}'s bits in the thread ids of calls {@code from} on, the handler's too when it is known. */
    void tagThreads(int from, long tag) {
        spans.tagThreads(from, tag);
        for (int i = from; i < spans.size(); i++) {
            if (handlerThreadId[i] != 0) {
                handlerThreadId[i] |= tag;
            }
        }
    }

    SpanStore spans() {
        return spans;
    }

    long requestId(int i) {
        return requestId[i];
    }

    /** The thread id of the request handler that made the call, 0 when the event does not say. */
    long handlerThreadId(int i) {
        return handlerThreadId[i];
    }

    /** The index of the call's outcome in the outcomes dictionary. */
    int outcome(int i) {
        return outcome[i];
    }
}
