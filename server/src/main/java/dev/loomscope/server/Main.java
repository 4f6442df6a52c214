package dev.loomscope.server;

import java.net.URI;
import java.util.Optional;

import dev.loomscope.client.UpstreamClient;
import dev.loomscope.client.UpstreamException;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

/** Starts the loomscope server: configuration, JFR recording, routes, and a graceful stop on SIGTERM or Ctrl+C. */
public final class Main {

    private Main() {
    }

    /** Entry point of {@code java -jar loomscope-server.jar}. */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Services.set(Config.class, config);
        AppSettings settings;
        try {
            settings = AppSettings.from(config.get("app"));
        } catch (IllegalArgumentException e) {
            System.err.println("loomscope-server: " + e.getMessage());
            System.exit(2);
            return;
        }

        UpstreamClient client = UpstreamClient.create(config.get("client"));
        WebServer server = WebServer.builder()
                .config(config.get("server"))
                // We stop the server ourselves, before the recording, so requests in flight reach the file.
                .shutdownHook(false)
                .routing(routing -> routing(routing, settings, FanoutLimits.from(config.get("app.fanout")), client))
                .build()
                .start();
        GracefulStop stop = GracefulStop.onSignals(server, client);
        if (settings.warmUp()) {
            WarmUp.run(URI.create("http://" + loopbackOrBound(config) + ":" + server.port() + "/"), client);
        }
        Optional<FlightRecording> recording = stop.record(() -> FlightRecording.start(settings.recording()));
        if (!stop.stopping()) {
            Banner.print(server, settings, recording);
        }
    }

    // Where this process reaches its own public socket: the bound address, or loopback when bound to all.
    private static String loopbackOrBound(Config config) {
        String host = config.get("server.host").asString().orElse("0.0.0.0");
        return host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1"
                : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Routes of the public socket; tests build the same routing. */
    static void routing(HttpRouting.Builder routing, AppSettings settings, FanoutLimits fanout,
                        UpstreamClient client) {
        RequestIds requestIds = new RequestIds();
        routing.addFilter(new ServerRequestFilter(requestIds))
                .register("/", new HopService(settings.upstream(), client))
                .register("/upstream", new UpstreamService())
                .register("/fanout", new FanoutService(settings.upstream(), client, fanout))
                .register("/pinning", new PinningService())
                .error(BadParameterException.class, ProblemHandlers::badParameter)
                .error(UpstreamException.class, ProblemHandlers::upstreamFailed);
    }
}
