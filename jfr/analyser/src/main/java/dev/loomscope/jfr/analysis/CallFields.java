package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of a {@link ClientCallEvent}. */
final class CallFields extends CarrierSpanFields {

    int handlerThreadId;
    int outcome;
    int status;

    @Override
    void find(JfrEvent event) {
        super.find(event);
        handlerThreadId = event.field(ClientCallEvent.HANDLER_THREAD_ID);
        outcome = event.field(ClientCallEvent.OUTCOME);
        status = event.field(ClientCallEvent.STATUS);
    }
}
