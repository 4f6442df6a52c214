package dev.loomscope.bench;

import java.net.URI;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The event-loop reference hop: {@code GET /?delayMs=&bytes=} calls the upstream with the same two numbers and
 * answers its body. One verticle (server + web client) per event loop, with Vert.x's default number of event loops
 * (twice the cores): what a Vert.x user gets without tuning. The server takes HTTP/1.1 and h2c (Vert.x accepts h2c
 * by default); with {@code h2c} the client calls the upstream over h2c with prior knowledge, its calls as streams of
 * one connection per event loop. Usage: {@code VertxHop PORT UPSTREAM_URI [h2c]}.
 */
public final class VertxHop extends VerticleBase {

    // No cap below the benchmark's connection counts: like Helidon's client, one upstream connection per request
    // in flight.
    private static final int POOL_SIZE = 20_000;

    private final int port;
    private final URI upstream;
    private final boolean h2c;
    private WebClient client;

    private VertxHop(int port, URI upstream, boolean h2c) {
        this.port = port;
        this.upstream = upstream;
        this.h2c = h2c;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        URI upstream = URI.create(args[1]);
        boolean h2c = args.length > 2 && args[2].equals("h2c");
        // Vert.x's default event-loop count, not set here; a verticle per loop so that every loop serves requests.
        int instances = new VertxOptions().getEventLoopPoolSize();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new VertxHop(port, upstream, h2c), new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("vertx hop listening on " + port + " -> " + upstream + " with "
                                                            + instances + " event loops" + (h2c ? ", upstream over h2c" : "")))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        WebClientOptions options = new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true);
        if (h2c) {
            // Prior knowledge, no Upgrade; Vert.x's default HTTP/2 pool is one connection per event loop's client.
            options.setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false);
        }
        client = WebClient.create(vertx, options, new PoolOptions().setHttp1MaxSize(POOL_SIZE));
        Router router = Router.router(vertx);
        router.get("/").handler(this::hop);
        return vertx.createHttpServer().requestHandler(router).listen(port);
    }

    private void hop(RoutingContext context) {
        String delayMs = param(context, "delayMs", "0");
        String bytes = param(context, "bytes", "100");
        client.get(upstream.getPort(), upstream.getHost(), upstream.getPath() + "?delayMs=" + delayMs + "&bytes=" + bytes)
                .send()
                .onSuccess(reply -> context.response()
                        .putHeader("content-type", "application/json")
                        .end(reply.body()))
                .onFailure(e -> context.response().setStatusCode(502).end(String.valueOf(e)));
    }

    private static String param(RoutingContext context, String name, String otherwise) {
        String value = context.request().getParam(name);
        return value == null || !value.chars().allMatch(Character::isDigit) || value.isEmpty() ? otherwise : value;
    }
}
