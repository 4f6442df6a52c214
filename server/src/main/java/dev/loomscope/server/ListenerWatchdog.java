package dev.loomscope.server;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Map;
import java.util.logging.Logger;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Notices when one of Helidon's listening sockets stops accepting connections for good, reports it as a failed
 * liveness check, and has the server stop with exit code 1 so that a supervisor restarts it.
 *
 * <p>When {@code accept} fails with anything but a closed socket (EMFILE, "Too many open files", once descriptors run
 * out), Helidon 4.5's {@code ServerListener} logs "this server socket is terminating now" and stops that listener
 * only: it closes the listening socket, but {@code WebServer.isRunning()} stays true and {@code port()} still names
 * the dead port, so health said UP on a server nobody could reach. The listener's thread does not even end (its stop
 * waits for its own loop to finish). What does show is the closed port: a connection to it is refused. So this
 * connects to each socket once a period; only a refusal counts, as a probe that fails for want of a descriptor
 * itself, or times out on a full backlog, says nothing about the listener.
 */
final class ListenerWatchdog implements HealthCheck {

    private static final Logger LOGGER = Logger.getLogger(ListenerWatchdog.class.getName());
    private static final long PERIOD_MILLIS = 500;
    private static final int CONNECT_TIMEOUT_MILLIS = 1000;

    private volatile String failure; // null while every listener runs

    @Override
    public HealthCheckType type() {
        return HealthCheckType.LIVENESS;
    }

    @Override
    public String name() {
        return "listeners";
    }

    @Override
    public HealthCheckResponse call() {
        String failed = failure;
        return failed == null
                ? HealthCheckResponse.builder().status(HealthCheckResponse.Status.UP).build()
                : HealthCheckResponse.builder().status(HealthCheckResponse.Status.DOWN).detail("failure", failed).build();
    }

    /** Probes each socket in {@code sockets} (name to the address this process reaches it on) from a daemon thread. */
    void watch(Map<String, InetSocketAddress> sockets, GracefulStop stop) {
        // Not "loomscope-...": that prefix marks threads started for a request's work, which must end with it.
        Thread.ofPlatform().daemon().name("listener-watchdog").start(() -> {
            try {
                while (!stop.stopping()) {
                    for (Map.Entry<String, InetSocketAddress> socket : sockets.entrySet()) {
                        if (refused(socket.getValue()) && !stop.stopping()) {
                            failed(socket.getKey(), socket.getValue().getPort(), stop);
                            return;
                        }
                    }
                    Thread.sleep(PERIOD_MILLIS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    private static boolean refused(InetSocketAddress address) {
        try (Socket probe = new Socket()) {
            probe.connect(address, CONNECT_TIMEOUT_MILLIS);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void failed(String socket, int port, GracefulStop stop) {
        failure = "socket " + socket + " (port " + port + ") stopped accepting connections";
        LOGGER.severe(failure + " (Helidon logged why above); stopping with exit code 1 so a supervisor restarts"
                              + " the server");
        stop.fail(failure);
    }
}
