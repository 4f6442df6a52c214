package dev.loomscope.jfr.analysis;

import java.util.Arrays;

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
    private static final int KEY_SLOTS = 64;
    private final long[] carrierKeys = new long[KEY_SLOTS];
    private final int[] carrierIndexes = new int[KEY_SLOTS];

    /** The index in {@code carriers} of the carrier name in string field {@code field}, "" when absent. */
    final int carrier(JfrEvent event, int field, Names carriers) {
        long key = event.stringKey(field);
        if (key < 0) {
            return carriers.index(SpanStore.text(event.getString(field)));
        }
        int slot = (int) (key & (KEY_SLOTS - 1));
        if (carrierKeys[slot] != key) {
            carrierIndexes[slot] = carriers.index(SpanStore.text(event.getString(field)));
            carrierKeys[slot] = key;
        }
        return carrierIndexes[slot];
    }

    @Override
    void find(JfrEvent event) {
        // Keys name strings of one chunk, and each chunk has layouts of its own.
        Arrays.fill(carrierKeys, -1);
        threadId = event.field(CarrierSpanEvent.THREAD_ID);
        requestId = event.field(CarrierSpanEvent.REQUEST_ID);
        startCarrier = event.field(CarrierSpanEvent.START_CARRIER);
        endCarrier = event.field(CarrierSpanEvent.END_CARRIER);
        virtual = event.field(CarrierSpanEvent.VIRTUAL);
        eventThread = event.field(JdkEvents.EVENT_THREAD);
    }
}
