package dev.loomscope.server;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import dev.loomscope.client.UpstreamClient;
import io.helidon.webserver.WebServer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops the server on SIGTERM or Ctrl+C in a fixed order: requests in flight finish, then the recording is written.
 *
 * <p>JVM shutdown hooks run concurrently, so with Helidon's hook the JDK's own JFR hook could close the recording
 * while requests were still being answered; handling the signal ourselves puts the steps in order.
 */
final class GracefulStop {

    private static final Logger LOGGER = Logger.getLogger(GracefulStop.class.getName());

    private GracefulStop() {
    }

    static void onSignals(WebServer server, UpstreamClient client, Optional<FlightRecording> recording) {
        AtomicBoolean stopping = new AtomicBoolean();
        SignalHandler handler = signal -> {
            if (!stopping.compareAndSet(false, true)) {
                return;
            }
            Thread.ofPlatform().name("loomscope-stop").start(() -> {
                LOGGER.info("SIG" + signal.getName() + ": stopping; requests in flight may finish");
                server.stop(); // waits up to server.shutdown-grace-period for requests in flight
                client.close();
                recording.ifPresent(r -> {
                    r.stop();
                    LOGGER.info("recording written to " + r.file());
                });
                System.exit(0);
            });
        };
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
    }
}
