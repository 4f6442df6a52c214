package dev.loomscope.server;

import io.helidon.webserver.http.ServerRequest;

/** Which protocol served a request, HTTP/1.1 or HTTP/2 over cleartext (h2c), as its prologue says. */
enum ServedProtocol {
    HTTP_1_1("HTTP/1.1"),
    HTTP_2("HTTP/2");

    private final String text;

    ServedProtocol(String text) {
        this.text = text;
    }

    /** The protocol of {@code req}: Helidon's HTTP/2 requests have prologue version "2.0", also after an upgrade. */
    static ServedProtocol of(ServerRequest req) {
        return req.prologue().protocolVersion().startsWith("2") ? HTTP_2 : HTTP_1_1;
    }

    /** The stream id of {@code req} on HTTP/2 (Helidon's request id there), 0 on HTTP/1.1, which has no streams. */
    static int streamId(ServerRequest req) {
        return of(req) == HTTP_2 ? req.id() : 0;
    }

    /** As in the evidence and the JFR events: {@code HTTP/1.1} or {@code HTTP/2}. */
    String text() {
        return text;
    }
}
