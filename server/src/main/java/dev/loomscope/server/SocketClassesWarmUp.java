package dev.loomscope.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;

/**
 * Initializes the JDK's socket classes on the main thread before Helidon opens its listeners.
 *
 * <p>Helidon opens each listener on its own virtual thread at the same time. Whichever thread initializes the JDK's
 * NIO classes first makes the others wait for that class initialization, and a virtual thread waiting for another
 * thread's class initialization is pinned, even on JDK 24+. Those start-up pins of a few milliseconds would show in
 * every recording and trip {@code loomscope-jfr check}; doing the initialization once here removes them.
 */
final class SocketClassesWarmUp {

    private SocketClassesWarmUp() {
    }

    static void run() {
        try (ServerSocketChannel channel = ServerSocketChannel.open()) {
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, channel.getOption(StandardSocketOptions.SO_RCVBUF));
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a loopback socket", e);
        }
    }
}
