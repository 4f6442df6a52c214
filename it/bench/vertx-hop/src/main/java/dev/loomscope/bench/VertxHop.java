package dev.loomscope.bench;

import java.net.URI;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/**
 * The event-loop reference hop: {@code GET /?delayMs=&bytes=} calls the upstream with the same two numbers and
 * answers its body. One verticle (server + web client) per event loop, with Vert.x's default number of event loops
 * (twice the cores): what a Vert.x user gets without tuning. Usage: {@code VertxHop PORT UPSTREAM_URI}.
 */
public final class VertxHop extends VerticleBase {

    // No cap below the benchmark's connection counts: like Helidon's client, one upstream connection per request
    // in flight.
    private static final int POOL_SIZE = 20_000;

    private final int port;
    private final URI upstream;
    private WebClient client;

    private VertxHop(int port, URI upstream) {
        this.port = port;
        this.upstream = upstream;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        URI upstream = URI.create(args[1]);
        // Vert.x's default event-loop count, not set here; a verticle per loop so that every loop serves requests.
        int instances = new VertxOptions().getEventLoopPoolSize();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new VertxHop(port, upstream), new DeploymentOptions().setInstances(instances))
                .onSuccess(id -> System.out.println("vertx hop listening on " + port + " -> " + upstream + " with "
                                                            + instances + " event loops"))
                .onFailure(e -> {
                    e.printStackTrace();
                    System.exit(1);
                });
    }

    @Override
    public Future<?> start() {
        client = WebClient.create(vertx,
                                  new WebClientOptions().setKeepAlive(true).setTcpNoDelay(true),
                                  new PoolOptions().setHttp1MaxSize(POOL_SIZE));
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
