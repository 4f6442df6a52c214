package dev.loomscope.server;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import dev.loomscope.client.UpstreamClient;
import dev.loomscope.client.UpstreamException;
import dev.loomscope.client.UpstreamProtocol;
import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.Services;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.observe.ObserveFeature;
import io.helidon.webserver.observe.health.HealthObserver;
import io.helidon.webserver.http.HttpRouting;

/** Starts the loomscope server: configuration, JFR recording, routes, and a graceful stop on SIGTERM or Ctrl+C. */
public final class Main {

    private static final Duration HELIDON_STOP = Duration.ofMillis(500);

    private Main() {
    }

    /** Entry point of {@code java -jar loomscope-server.jar}. */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        Config config = Config.create();
        Services.set(Config.class, config);
        AppSettings settings;
        try {
            ConfigCheck.check(config);
            settings = AppSettings.from(config.get("app"));
            if (settings.recording().enabled()) {
                RecordingDestination.check(settings.recording().file());
            }
            PortCheck.check(config.get("server"));
        } catch (BadSettingException | IllegalArgumentException e) {
            exit(2, e.getMessage());
            return;
        } catch (PortCheck.PortInUseException e) {
            exit(1, e.getMessage());
            return;
        }

        UpstreamClient client = UpstreamClient.create(config.get("client"));
        Drain drain = new Drain();
        ListenerWatchdog watchdog = new ListenerWatchdog();
        // server.shutdown-grace-period is the drain's (GracefulStop); Helidon's own stop, after the drain, only
        // closes what is left, so the whole stop stays within the configured period plus this.
        Duration grace = config.get("server.shutdown-grace-period").as(Duration.class).orElse(Duration.ofMillis(500));
        WebServerConfig.Builder builder = WebServer.builder().config(config.get("server"));
        // HTTP/1.1 with the header timeout and h2c, as application.yaml's server.protocols say, on one selector that
        // keeps HTTP/1.1's answers to bad input and the idle timeout of connections that send nothing.
        ServerProtocols.configure(builder, config.get("server.protocols"), new HeaderTimeout(settings.headerTimeout()));
        WebServer server = builder
                // The configured observe feature, with the watchdog's check added to the health observer.
                .addFeature(ObserveFeature.builder()
                                    .config(config.get("server.features.observe"))
                                    .addObserver(HealthObserver.builder()
                                                         .config(config.get("server.features.observe.observers.health"))
                                                         .addCheck(watchdog)
                                                         .build())
                                    .build())
                .shutdownGracePeriod(HELIDON_STOP)
                // We stop the server ourselves, before the recording, so requests in flight reach the file.
                .shutdownHook(false)
                .routing(routing -> routing(routing, settings, FanoutLimits.from(config.get("app.fanout")), client, drain))
                .build()
                .start();
        if (!server.isRunning()) {
            // A port taken between PortCheck and Helidon's bind, or another listener failure Helidon logged above.
            exit(1, "the server did not start (see the log above)");
            return;
        }
        GracefulStop stop = GracefulStop.onSignals(server, client, drain, grace);
        watchdog.watch(sockets(server, config), stop);
        if (settings.warmUp()) {
            URI self = URI.create("http://" + loopbackOrBound(config) + ":" + server.port() + "/");
            WarmUp.run(self, client);
            // The HTTP/2 path too: without it the first h2c streams pinned for up to 20 ms while its classes loaded.
            try (UpstreamClient h2c = UpstreamClient.create(config.get("client"), UpstreamProtocol.H2C)) {
                WarmUp.run(self, h2c);
            }
        }
        Optional<FlightRecording> recording = stop.record(() -> FlightRecording.start(settings.recording()));
        if (!stop.stopping()) {
            Banner.print(server, settings, recording);
        }
    }

    // Mistakes in what the user asked for: one line, no stack trace, no banner.
    private static void exit(int status, String message) {
        System.err.println("loomscope-server: " + message);
        System.exit(status);
    }

    // Socket names and bound ports: the default socket, and every named one that is bound.
    private static Map<String, InetSocketAddress> sockets(WebServer server, Config config) {
        Map<String, InetSocketAddress> sockets = new LinkedHashMap<>();
        String host = loopbackOrBound(config).replace("[", "").replace("]", "");
        sockets.put(WebServer.DEFAULT_SOCKET_NAME, new InetSocketAddress(host, server.port()));
        if (server.port("admin") > 0) {
            sockets.put("admin", new InetSocketAddress("127.0.0.1", server.port("admin")));
        }
        return sockets;
    }

    // Where this process reaches its own public socket: the bound address, or loopback when bound to all.
    private static String loopbackOrBound(Config config) {
        String host = config.get("server.host").asString().orElse("0.0.0.0");
        return host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1"
                : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }

    /** Routes of the public socket; tests build the same routing. */
    static void routing(HttpRouting.Builder routing, AppSettings settings, FanoutLimits fanout,
                        UpstreamClient client, Drain drain) {
        RequestIds requestIds = new RequestIds();
        routing.addFilter(new ServerRequestFilter(requestIds))
                .addFilter(new ConnectionFilter(drain))
                .register("/", new HopService(settings.upstream(), client))
                .register("/upstream", new UpstreamService())
                .register("/fanout", new FanoutService(settings.upstream(), client, fanout))
                .register("/pinning", new PinningService())
                .error(BadParameterException.class, ProblemHandlers::badParameter)
                .error(UpstreamException.class, ProblemHandlers::upstreamFailed);
    }
}
