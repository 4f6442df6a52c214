package dev.loomscope.jfr.render;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.loomscope.jfr.analysis.ConnectionModels;
import dev.loomscope.jfr.analysis.Formats;

/** The text report's lines of the connections section: per protocol, label and text. */
final class ConnectionModelsText {

    private ConnectionModelsText() {
    }

    static Map<String, String> lines(ConnectionModels models) {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("connections", models.byProtocol().size() == 1 ? "one protocol" : models.byProtocol().size()
                + " protocols");
        for (ConnectionModels.Protocol p : models.byProtocol()) {
            lines.put("  " + p.protocol(), Formats.counted(p.requests(), "request") + " on "
                    + Formats.counted(p.connections(), "connection") + ", "
                    + Formats.counted(p.handlerThreads(), "handler thread") + " ("
                    + Formats.decimal(p.requestsPerHandlerThread(), 2)
                    + (p.requestsPerHandlerThread() == 1 ? " request" : " requests") + " per thread), at most "
                    + Formats.count(p.maxInFlightPerConnection()) + " in flight per connection; "
                    + Formats.counted(p.connectionsOnOneThread(), "connection") + " on one thread, "
                    + Formats.count(p.connectionsOnManyThreads()) + " on many: " + p.model());
        }
        return lines;
    }
}
