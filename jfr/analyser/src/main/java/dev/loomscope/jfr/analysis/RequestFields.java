package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of a {@link ServerRequestEvent}. */
final class RequestFields extends FieldLayout {

    int threadId;
    int requestId;
    int startCarrier;
    int endCarrier;
    int path;
    int status;
    int virtual;
    int eventThread;

    @Override
    void find(JfrEvent event) {
        threadId = event.field(ServerRequestEvent.THREAD_ID);
        requestId = event.field(ServerRequestEvent.REQUEST_ID);
        startCarrier = event.field(ServerRequestEvent.START_CARRIER);
        endCarrier = event.field(ServerRequestEvent.END_CARRIER);
        path = event.field(ServerRequestEvent.PATH);
        status = event.field(ServerRequestEvent.STATUS);
        virtual = event.field(ServerRequestEvent.VIRTUAL);
        eventThread = event.field(JdkEvents.EVENT_THREAD);
    }
}
