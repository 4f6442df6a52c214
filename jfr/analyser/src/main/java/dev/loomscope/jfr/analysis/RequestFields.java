package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of a {@link ServerRequestEvent}. */
final class RequestFields extends CarrierSpanFields {

    int path;
    int status;

    @Override
    void find(JfrEvent event) {
        super.find(event);
        path = event.field(ServerRequestEvent.PATH);
        status = event.field(ServerRequestEvent.STATUS);
    }
}
