package dev.loomscope.client.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;

/**
 * An in-process Helidon server to load: {@code /} answers at once, {@code /slow} after 50 ms, {@code /hang} when
 * the test ends, {@code /missing} with 404. It counts requests and the client connections they came on.
 */
final class TestServer implements AutoCloseable {

    static final long SLOW_MILLIS = 50;

    private final AtomicLong requests = new AtomicLong();
    private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();
    private final CountDownLatch release = new CountDownLatch(1);
    private final WebServer server;

    TestServer() {
        this(-1);
    }

    /** A server that serves at most {@code maxTcpConnections} connections at once (-1: any number). */
    TestServer(int maxTcpConnections) {
        server = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .maxTcpConnections(maxTcpConnections)
                .routing(routing -> routing
                        .get("/", (req, res) -> {
                            count(req.remotePeer().port());
                            res.send("{\"ok\":true}");
                        })
                        .get("/slow", (req, res) -> {
                            count(req.remotePeer().port());
                            Thread.sleep(SLOW_MILLIS);
                            res.send("{\"ok\":true}");
                        })
                        .get("/hang", (req, res) -> {
                            count(req.remotePeer().port());
                            release.await();
                            res.send("{\"ok\":true}");
                        })
                        .get("/missing", (req, res) -> {
                            count(req.remotePeer().port());
                            res.status(Status.NOT_FOUND_404).send("no");
                        }))
                .build()
                .start();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    long requests() {
        return requests.get();
    }

    int connections() {
        return clientPorts.size();
    }

    /** A local URI where nothing listens: a port that was free a moment ago. */
    static URI refusingUri() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/");
        }
    }

    private void count(int clientPort) {
        requests.incrementAndGet();
        clientPorts.add(clientPort);
    }

    @Override
    public void close() {
        release.countDown();
        server.stop();
    }
}
