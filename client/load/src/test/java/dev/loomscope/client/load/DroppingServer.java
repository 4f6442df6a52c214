package dev.loomscope.client.load;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;

/** A TCP server that reads the start of each request and closes the connection without answering. */
final class DroppingServer implements AutoCloseable {

    private final ServerSocket socket;
    private final Thread acceptor;

    DroppingServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("dropping-server").start(this::acceptAll);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
    }

    private void acceptAll() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                Thread.ofVirtual().start(() -> drop(connection));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void drop(Socket connection) {
        try (connection; InputStream in = connection.getInputStream()) {
            in.read(new byte[16]);
        } catch (IOException e) {
            // the client may have gone first
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        acceptor.interrupt();
    }
}
