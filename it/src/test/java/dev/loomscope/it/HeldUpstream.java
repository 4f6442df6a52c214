package dev.loomscope.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An upstream inside the test JVM that holds every call until the test releases them: with it the test knows,
 * rather than hopes, that the server under test has requests in flight.
 */
final class HeldUpstream implements AutoCloseable {

    private static final byte[] BODY = "{\"held\":true}".getBytes(StandardCharsets.US_ASCII);
    // However the test ends, a held call never waits longer than this.
    private static final Duration HOLD_LIMIT = Duration.ofSeconds(30);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicInteger arrived = new AtomicInteger();
    private final Object arrivals = new Object();

    HeldUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.setExecutor(executor);
        server.createContext("/upstream", this::hold);
        server.start();
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/upstream";
    }

    /** Waits until {@code count} calls are being held. */
    void awaitHeld(int count, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        synchronized (arrivals) {
            while (arrived.get() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("only " + arrived.get() + " of " + count + " upstream calls arrived within "
                                                     + limit);
                }
                TimeUnit.NANOSECONDS.timedWait(arrivals, left);
            }
        }
    }

    int arrived() {
        return arrived.get();
    }

    /** Lets every held call, and every later one, answer 200. */
    void release() {
        release.countDown();
    }

    private void hold(HttpExchange exchange) throws IOException {
        try (exchange) {
            synchronized (arrivals) {
                arrived.incrementAndGet();
                arrivals.notifyAll();
            }
            release.await(HOLD_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, BODY.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(BODY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        executor.shutdownNow();
    }
}
