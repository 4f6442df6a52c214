package dev.loomscope.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * The benchmark's shared upstream: {@code GET /upstream?delayMs=&bytes=} answers {@code bytes} of JSON (default
 * 100) after {@code delayMs} on a timer, never blocking an event loop. Usage: {@code Upstream PORT}.
 */
public final class Upstream extends VerticleBase {

    private final int port;

    private Upstream(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        Vertx vertx = Vertx.vertx();
        int instances = Runtime.getRuntime().availableProcessors();
        vertx.deployVerticle(() -> new Upstream(port), new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("upstream listening on " + port + " with " + instances
                                                            + " event loops"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer().requestHandler(this::answer).listen(port);
    }

    private void answer(HttpServerRequest request) {
        long delay = number(request.getParam("delayMs"), 0);
        Buffer body = body((int) number(request.getParam("bytes"), 100));
        if (delay <= 0) {
            send(request, body);
        } else {
            vertx.setTimer(delay, id -> send(request, body));
        }
    }

    private static void send(HttpServerRequest request, Buffer body) {
        request.response().putHeader("content-type", "application/json").end(body);
    }

    private static long number(String text, long otherwise) {
        try {
            return text == null ? otherwise : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    // The same shape as loomscope's own /upstream: {"p":"xxx..."} padded to the size asked for.
    private static Buffer body(int size) {
        byte[] open = "{\"p\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] close = "\"}".getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[Math.max(0, size)];
        if (size < open.length + close.length) {
            Arrays.fill(body, (byte) '1');
        } else {
            System.arraycopy(open, 0, body, 0, open.length);
            Arrays.fill(body, open.length, size - close.length, (byte) 'x');
            System.arraycopy(close, 0, body, size - close.length, close.length);
        }
        return Buffer.buffer(body);
    }
}
