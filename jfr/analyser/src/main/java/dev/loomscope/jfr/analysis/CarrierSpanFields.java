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

    @Override
    void find(JfrEvent event) {
        threadId = event.field(CarrierSpanEvent.THREAD_ID);
        requestId = event.field(CarrierSpanEvent.REQUEST_ID);
        startCarrier = event.field(CarrierSpanEvent.START_CARRIER);
        endCarrier = event.field(CarrierSpanEvent.END_CARRIER);
        virtual = event.field(CarrierSpanEvent.VIRTUAL);
        eventThread = event.field(JdkEvents.EVENT_THREAD);
    }
}
