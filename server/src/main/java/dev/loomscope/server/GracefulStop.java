package dev.loomscope.server;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.logging.Logger;

import dev.loomscope.client.UpstreamClient;
import io.helidon.webserver.WebServer;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Stops the server on SIGTERM or Ctrl+C in a fixed order: the {@link Drain} lets requests in flight finish while the
 * socket, and with it this server's own {@code /upstream}, still answers; then Helidon stops; then the recording is
 * written.
 *
 * <p>JVM shutdown hooks run concurrently, so with Helidon's hook the JDK's own JFR hook could close the recording
 * while requests were still being answered; handling the signal ourselves puts the steps in order. The handlers are
 * installed as soon as the server listens, before the warm-up: a signal then stops a server still warming up, and
 * the recording, which starts after the warm-up, is not started at all (it was once left as an empty file).
 */
final class GracefulStop {

    private static final Logger LOGGER = Logger.getLogger(GracefulStop.class.getName());

    private final WebServer server;
    private final UpstreamClient client;
    private final Drain drain;
    private final Duration grace;
    private boolean stopping; // guarded by this
    private FlightRecording recording; // guarded by this

    private GracefulStop(WebServer server, UpstreamClient client, Drain drain, Duration grace) {
        this.server = server;
        this.client = client;
        this.drain = drain;
        this.grace = grace;
    }

    /** Handles SIGTERM and SIGINT from now on. */
    static GracefulStop onSignals(WebServer server, UpstreamClient client, Drain drain, Duration grace) {
        GracefulStop stop = new GracefulStop(server, client, drain, grace);
        SignalHandler handler = stop::signalled;
        Signal.handle(new Signal("TERM"), handler);
        Signal.handle(new Signal("INT"), handler);
        return stop;
    }

    /** Starts the recording with {@code start} unless a stop has begun; a later stop writes it. */
    synchronized Optional<FlightRecording> record(Supplier<Optional<FlightRecording>> start) {
        if (stopping) {
            return Optional.empty();
        }
        Optional<FlightRecording> started = start.get();
        recording = started.orElse(null);
        return started;
    }

    synchronized boolean stopping() {
        return stopping;
    }

    private void signalled(Signal signal) {
        stop("SIG" + signal.getName(), 0);
    }

    /** Stops as on SIGTERM, but ends with exit code 1: the server cannot go on serving. */
    void fail(String reason) {
        stop(reason, 1);
    }

    private void stop(String reason, int failureStatus) {
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
        }
        Thread.ofPlatform().name("loomscope-stop").start(() -> {
            int inFlight = drain.begin();
            LOGGER.info(reason + ": stopping; " + inFlight + " requests in flight may finish within " + grace);
            try {
                int left = drain.awaitIdle(grace);
                if (left > 0) {
                    LOGGER.warning(left + " requests still in flight after " + grace + "; they are cut short");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            server.stop(); // closes the socket and idle connections; waits once more for anything left
            client.close();
            FlightRecording started;
            synchronized (this) {
                started = recording;
            }
            int status = failureStatus;
            if (started != null) {
                try {
                    started.stop();
                    LOGGER.info("recording written to " + started.file());
                } catch (IOException e) {
                    LOGGER.severe(e.getMessage());
                    // Non-zero, so a supervisor or script sees the data was lost.
                    status = 1;
                }
            }
            System.exit(status);
        });
    }
}
