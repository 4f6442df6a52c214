package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of a {@link ServerRequestEvent}. */
final class RequestFields extends CarrierSpanFields {

    int path;
    int status;
    int protocol;
    int streamId;
    int connection;

    @Override
    void find(JfrEvent event) {
        super.find(event);
        path = event.field(ServerRequestEvent.PATH);
        status = event.field(ServerRequestEvent.STATUS);
        // -1 in recordings from before they existed: read as "" and 0.
        protocol = event.field(ServerRequestEvent.PROTOCOL);
        streamId = event.field(ServerRequestEvent.STREAM_ID);
        connection = event.field(ServerRequestEvent.CONNECTION);
    }
}
