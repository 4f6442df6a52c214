package dev.loomscope.client;

import static dev.loomscope.client.RawUpstream.Action.ANSWER;
import static dev.loomscope.client.RawUpstream.Action.HANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** At most max-connections-per-upstream connections are open; calls beyond them wait, then get BUSY. */
@Timeout(60)
class ConnectionBoundTest {

    private static UpstreamClient client(PoolLimits pool) {
        return new UpstreamClient(Http1Client.builder()
                                          .connectTimeout(Duration.ofSeconds(2))
                                          .readTimeout(Duration.ofSeconds(2))
                                          .connectionCacheSize(256)
                                          .proxy(Proxy.noProxy())
                                          .build(), UpstreamLimits.DEFAULT, pool);
    }

    @Test
    void aBurstOfFiftyCallsWithABoundOfFourOpensFourConnectionsAndAllSucceed() throws Exception {
        // Each answer takes 20 ms, so the fifty calls overlap and would each open a connection without the bound.
        try (RawUpstream upstream = new RawUpstream((connection, request) -> {
            sleepQuietly(20);
            return ANSWER;
        });
             UpstreamClient client = client(new PoolLimits(4, Duration.ofSeconds(20), Duration.ofSeconds(60)))) {
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<UpstreamReply>> replies = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    replies.add(threads.submit(() -> client.get(upstream.uri(), CallOrigin.NONE)));
                }
                for (Future<UpstreamReply> reply : replies) {
                    assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
                }
            }

            assertThat(upstream.connections()).isLessThanOrEqualTo(4);
            assertThat(client.idleConnections(upstream.uri())).isEqualTo(upstream.connections());
        }
    }

    @Test
    void aCallThatFindsEveryConnectionInUseForTheWaitTimeoutIsBusy() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        try (RawUpstream upstream = new RawUpstream((connection, request) -> {
            held.countDown();
            return HANG;
        });
             UpstreamClient client = client(new PoolLimits(1, Duration.ofMillis(200), Duration.ofSeconds(60)));
             ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            threads.submit(() -> client.get(upstream.uri(), CallOrigin.NONE));
            assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

            long start = System.nanoTime();
            assertThatThrownBy(() -> client.get(upstream.uri(), CallOrigin.NONE))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.kind()).isEqualTo(UpstreamFailure.BUSY);
                        assertThat(e.kind().gatewayStatus()).isEqualTo(503);
                        assertThat(e.getMessage()).isEqualTo("too many calls to the upstream at once: no connection"
                                                                     + " came free within 200 ms");
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
            assertThat(upstream.connections()).isEqualTo(1);
        }
    }

    @Test
    void aConnectionIdleForLongerThanTheIdleTimeoutIsClosedAndNotReused() throws Exception {
        Duration idleTimeout = Duration.ofMillis(100);
        try (RawUpstream upstream = new RawUpstream((connection, request) -> ANSWER);
             UpstreamClient client = client(new PoolLimits(4, Duration.ofSeconds(5), idleTimeout))) {
            client.get(upstream.uri(), CallOrigin.NONE);
            // Time must pass for a connection to age; nothing else is waited for.
            Thread.sleep(idleTimeout.toMillis() * 3);

            client.get(upstream.uri(), CallOrigin.NONE);

            assertThat(upstream.connections()).isEqualTo(2);
            assertThat(upstream.awaitClosedByClient(1)).isTrue();
        }
    }

    @Test
    void anIdleConnectionOlderThanTheIdleTimeoutIsClosedWithoutAnyCallComing() throws Exception {
        try (RawUpstream upstream = new RawUpstream((connection, request) -> ANSWER);
             UpstreamClient client = client(new PoolLimits(4, Duration.ofSeconds(5), Duration.ofMillis(200)))) {
            client.get(upstream.uri(), CallOrigin.NONE);

            assertThat(upstream.awaitClosedByClient(1)).isTrue();
            assertThat(client.idleConnections(upstream.uri())).isZero();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
