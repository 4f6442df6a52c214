package dev.loomscope.bench;

import java.net.URI;

import io.helidon.config.Config;
import io.helidon.http.HeaderValues;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.api.WebClient;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * The bare Helidon reference hop: {@code GET /?delayMs=&bytes=} calls the upstream with WebClient, blocking its
 * virtual thread, and answers the body; no recording, no report, no checks of its own. Settings come from its
 * application.yaml (loomscope's where they are not what is compared) and {@code -D} overrides, the upstream from
 * {@code app.upstream.uri}.
 */
public final class BareHelidonHop {

    private final WebClient client;
    private final URI upstream;

    private BareHelidonHop(WebClient client, URI upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    public static void main(String[] args) {
        Config config = Config.create();
        URI upstream = URI.create(config.get("app.upstream.uri").asString().get());
        WebClient client = WebClient.builder()
                .config(config.get("client"))
                // As loomscope's client: loopback upstreams, never a system proxy.
                .proxy(Proxy.noProxy())
                .build();
        BareHelidonHop hop = new BareHelidonHop(client, upstream);
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                .routing(routing -> routing.get("/", hop::hop))
                .build()
                .start();
        System.out.println("bare helidon hop listening on " + server.port() + " -> " + upstream);
    }

    private void hop(ServerRequest req, ServerResponse res) {
        // The typed request reads the whole entity and gives the connection back to Helidon's pool.
        ClientResponseTyped<byte[]> reply = client.get()
                .uri(upstream)
                .queryParam("delayMs", req.query().first("delayMs").orElse("0"))
                .queryParam("bytes", req.query().first("bytes").orElse("100"))
                .request(byte[].class);
        res.status(reply.status())
                .header(HeaderValues.CONTENT_TYPE_JSON)
                .send(reply.entity());
    }
}
