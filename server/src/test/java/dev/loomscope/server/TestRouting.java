package dev.loomscope.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loomscope.client.UpstreamClient;
import io.helidon.config.Config;
import io.helidon.service.registry.Services;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webserver.http.HttpRouting;

/** The production routing, built for @ServerTest classes from the test profile's configuration. */
final class TestRouting {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TestRouting() {
    }

    /** Routing with the configured upstream: by default the test server's own {@code /upstream}. */
    static void standard(HttpRouting.Builder routing) {
        Config config = Services.get(Config.class);
        Main.routing(routing, AppSettings.from(config.get("app")), FanoutLimits.from(config.get("app.fanout")),
                     UpstreamClient.create(config.get("client")), new Drain());
    }

    /** Routing whose upstream is {@code upstream}. */
    static void withUpstream(HttpRouting.Builder routing, URI upstream) {
        withUpstream(routing, upstream, FanoutLimits.from(Services.get(Config.class).get("app.fanout")));
    }

    /** Routing whose upstream is {@code upstream} and whose fan-outs have {@code fanout} limits. */
    static void withUpstream(HttpRouting.Builder routing, URI upstream, FanoutLimits fanout) {
        withUpstream(routing, upstream, fanout, UpstreamClient.create(Services.get(Config.class).get("client")));
    }

    /** Routing whose upstream is {@code upstream}, called with {@code client}. */
    static void withUpstream(HttpRouting.Builder routing, URI upstream, FanoutLimits fanout, UpstreamClient client) {
        Config config = Services.get(Config.class);
        AppSettings defaults = AppSettings.from(config.get("app"));
        AppSettings settings = new AppSettings(new UpstreamTarget(Optional.of(upstream)), defaults.recording(),
                                               defaults.warmUp(), defaults.headerTimeout());
        Main.routing(routing, settings, fanout, client, new Drain());
    }

    /** A loopback port nothing listens on: connections to it are refused. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET of a path with a query, split so the client does not encode the '?' into the path. */
    static Http1ClientRequest get(Http1Client client, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        Http1ClientRequest request = client.get(q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                request.queryParam(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
            }
        }
        return request;
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text, e);
        }
    }
}
