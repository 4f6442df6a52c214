package dev.loomscope.server;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;

import dev.loomscope.client.CallOrigin;
import dev.loomscope.client.UpstreamClient;

/**
 * Sends a few concurrent requests through the server before its recording starts.
 *
 * <p>On a cold JVM the first concurrent requests load and initialize classes on virtual threads, and a virtual
 * thread that loads a class under contention or waits for another thread's class initialization is pinned, even
 * on JDK 24+: 18 to 40 pins of 1 to 440 ms were measured in the first second of a cold server here. They are real
 * but say nothing about the request path, so by default the recording starts once these requests have run;
 * {@code app.warm-up.enabled=false} records the cold start too.
 */
final class WarmUp {

    private static final Logger LOGGER = Logger.getLogger(WarmUp.class.getName());
    private static final int HOPS = 8;
    private static final int FANOUTS = 2;

    private WarmUp() {
    }

    static void run(URI server, UpstreamClient client) {
        List<URI> targets = new ArrayList<>();
        for (int i = 0; i < HOPS; i++) {
            targets.add(server.resolve("/?delayMs=1&bytes=64"));
        }
        for (int i = 0; i < FANOUTS; i++) {
            targets.add(server.resolve("/fanout?calls=4&delayMs=1"));
        }
        int failed = 0;
        try (ExecutorService executor = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("loomscope-warm-up-", 0).factory())) {
            List<Future<?>> calls = new ArrayList<>();
            for (URI target : targets) {
                calls.add(executor.submit(() -> client.get(target, CallOrigin.NONE)));
            }
            for (Future<?> call : calls) {
                try {
                    call.get();
                } catch (Exception e) {
                    failed++;
                }
            }
        }
        if (failed > 0) {
            // An upstream that is down makes / answer 502; warming up is best effort and must not stop the server.
            LOGGER.info("warm-up: " + failed + " of " + targets.size() + " requests failed (is the upstream up?)");
        }
    }
}
