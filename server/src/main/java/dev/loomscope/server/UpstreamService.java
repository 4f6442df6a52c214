package dev.loomscope.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/** {@code GET /upstream}: a simulated downstream service that waits {@code delayMs} and answers {@code bytes} of JSON. */
final class UpstreamService implements HttpService {

    private static final byte[] OPEN = "{\"p\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CLOSE = "\"}".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::answer);
    }

    private void answer(ServerRequest req, ServerResponse res) throws InterruptedException {
        int delayMs = QueryParams.get(req, QueryParams.DELAY_MS);
        int bytes = QueryParams.get(req, QueryParams.BYTES);
        if (delayMs > 0) {
            // A virtual thread unmounts while it sleeps: the wait holds no carrier.
            Thread.sleep(delayMs);
        }
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(body(bytes));
    }

    /** Exactly {@code size} bytes of JSON: an object with one padded string, or below 8 bytes a number. */
    static byte[] body(int size) {
        byte[] body = new byte[size];
        if (size < OPEN.length + CLOSE.length) {
            Arrays.fill(body, (byte) '1');
            return body;
        }
        System.arraycopy(OPEN, 0, body, 0, OPEN.length);
        Arrays.fill(body, OPEN.length, size - CLOSE.length, (byte) 'x');
        System.arraycopy(CLOSE, 0, body, size - CLOSE.length, CLOSE.length);
        return body;
    }
}
