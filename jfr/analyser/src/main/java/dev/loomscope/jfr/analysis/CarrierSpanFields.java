package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.event.CarrierSpanEvent;
import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes every {@link CarrierSpanEvent} has; a subclass adds those of its type. */
abstract class CarrierSpanFields extends FieldLayout {

    int threadId;
    int requestId;
    int startCarrier;
    int endCarrier;
    int virtual;
    int eventThread;

    // Carrier names by string key, for this layout's chunk: looking the name up again per span was the largest
    // part of the span handlers after decoding (a handful of carriers, millions of spans).
    private final KeyIndexes carriersByKey = new KeyIndexes(6);

    /** The index in {@code carriers} of the carrier name in string field {@code field}, "" when absent. */
    final int carrier(JfrEvent event, int field, Names carriers) {
        long key = event.stringKey(field);
        if (key < 0) {
            return carriers.index(SpanStore.text(event.getString(field)));
        }
        int index = carriersByKey.get(key);
        if (index == KeyIndexes.UNKNOWN) {
            index = carriers.index(SpanStore.text(event.getString(field)));
            carriersByKey.put(key, index);
        }
        return index;
    }

    /** The Java thread id of the thread that did the work: the event's threadId field, else its event thread. */
    final long threadId(JfrEvent event) {
        long id = event.getLong(threadId);
        return id != 0 ? id : SpanStore.javaThreadId(event.getThread(eventThread));
    }

    @Override
    void find(JfrEvent event) {
        // Keys name strings of one chunk, and each chunk has layouts of its own.
        carriersByKey.clear();
        threadId = event.field(CarrierSpanEvent.THREAD_ID);
        requestId = event.field(CarrierSpanEvent.REQUEST_ID);
        startCarrier = event.field(CarrierSpanEvent.START_CARRIER);
        endCarrier = event.field(CarrierSpanEvent.END_CARRIER);
        virtual = event.field(CarrierSpanEvent.VIRTUAL);
        eventThread = event.field(JdkEvents.EVENT_THREAD);
    }
}
