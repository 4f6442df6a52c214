package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of a {@link ClientCallEvent}. */
final class CallFields extends FieldLayout {

    int threadId;
    int handlerThreadId;
    int requestId;
    int startCarrier;
    int endCarrier;
    int outcome;
    int status;
    int virtual;
    int eventThread;

    @Override
    void find(JfrEvent event) {
        threadId = event.field(ClientCallEvent.THREAD_ID);
        handlerThreadId = event.field(ClientCallEvent.HANDLER_THREAD_ID);
        requestId = event.field(ClientCallEvent.REQUEST_ID);
        startCarrier = event.field(ClientCallEvent.START_CARRIER);
        endCarrier = event.field(ClientCallEvent.END_CARRIER);
        outcome = event.field(ClientCallEvent.OUTCOME);
        status = event.field(ClientCallEvent.STATUS);
        virtual = event.field(ClientCallEvent.VIRTUAL);
        eventThread = event.field(JdkEvents.EVENT_THREAD);
    }
}
