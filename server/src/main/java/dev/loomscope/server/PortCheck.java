package dev.loomscope.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

import io.helidon.config.Config;

/**
 * Finds a configured port that is already taken before Helidon tries to bind it.
 *
 * <p>Helidon 4.5 logs a bind failure as a stack trace, then "failed to start", and {@code start()} returns a server
 * that listens nowhere; the process would go on to print a banner with port -1. Binding each port for a moment
 * first lets the server name the port and its key in one line. Helidon binds with SO_REUSEADDR, so the probe does
 * too: a port only in TIME_WAIT is not reported as taken.
 */
final class PortCheck {

    private PortCheck() {
    }

    /** Throws {@link PortInUseException} for the first fixed port (not 0) that cannot be bound now. */
    static void check(Config server) {
        probe(server, "@default");
        for (Config socket : server.get("sockets").asNodeList().orElse(List.of())) {
            probe(socket, socket.get("name").asString().orElse("?"));
        }
    }

    private static void probe(Config listener, String name) {
        Config portNode = listener.get("port");
        int port = portNode.asInt().orElse(name.equals("@default") ? 8080 : 0);
        if (port == 0) {
            return;
        }
        String host = listener.get("host").asString().orElse("0.0.0.0");
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (BindException e) {
            if (String.valueOf(e.getMessage()).contains("in use")) {
                throw new PortInUseException(port, portNode.key().toString());
            }
        } catch (IOException e) {
            // Not a port conflict (an unknown host, say); Helidon's own bind reports it.
        }
    }

    /** A configured port another process holds. */
    static final class PortInUseException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        PortInUseException(int port, String key) {
            super("port " + port + " is already in use (" + key + ")");
        }
    }
}
