package dev.loomscope.client;

import static dev.loomscope.client.RawUpstream.Action.ANSWER;
import static dev.loomscope.client.RawUpstream.Action.ANSWER_CONNECTION_CLOSE;
import static dev.loomscope.client.RawUpstream.Action.ANSWER_THEN_CLOSE;
import static dev.loomscope.client.RawUpstream.Action.DROP;
import static dev.loomscope.client.RawUpstream.Action.HANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class UpstreamClientTest {

    private static final Duration TIMEOUT = Duration.ofMillis(500);

    private static UpstreamClient client(int connectionCacheSize) {
        return new UpstreamClient(Http1Client.builder()
                                          .connectTimeout(TIMEOUT)
                                          .readTimeout(TIMEOUT)
                                          .connectionCacheSize(connectionCacheSize)
                                          .proxy(Proxy.noProxy())
                                          .build());
    }

    @Test
    void reusesOneKeepAliveConnectionForCallsOneAfterAnother() throws Exception {
        try (RawUpstream upstream = new RawUpstream((connection, request) -> ANSWER);
             UpstreamClient client = client(256)) {
            for (int i = 0; i < 5; i++) {
                UpstreamReply reply = client.get(upstream.uri(), CallOrigin.NONE);

                assertThat(reply.status()).isEqualTo(200);
                assertThat(new String(reply.body(), StandardCharsets.UTF_8)).isEqualTo(RawUpstream.BODY);
            }

            assertThat(upstream.connections()).isEqualTo(1);
            assertThat(upstream.requests(0)).isEqualTo(5);
            assertThat(client.idleConnections(upstream.uri())).isEqualTo(1);
        }
    }

    @Test
    void sendsOnceMoreOnANewConnectionWhenTheUpstreamClosedTheIdleOne() throws Exception {
        // The first connection answers its first request and is then closed by the upstream, while the client
        // keeps it idle.
        try (RawUpstream upstream = new RawUpstream(
                (connection, request) -> connection == 0 ? ANSWER_THEN_CLOSE : ANSWER);
             UpstreamClient client = client(256)) {
            client.get(upstream.uri(), CallOrigin.NONE);
            assertThat(client.idleConnections(upstream.uri())).isEqualTo(1);

            UpstreamReply reply = client.get(upstream.uri(), CallOrigin.NONE);

            assertThat(reply.status()).isEqualTo(200);
            assertThat(upstream.connections()).isEqualTo(2);
            assertThat(upstream.requests(1)).isEqualTo(1);
            assertThat(client.idleConnections(upstream.uri())).isEqualTo(1);
        }
    }

    @Test
    void sendsOnceMoreAtMostWhenTheNewConnectionIsDroppedToo() throws Exception {
        try (RawUpstream upstream = new RawUpstream(
                (connection, request) -> connection == 0 ? ANSWER_THEN_CLOSE : DROP);
             UpstreamClient client = client(256)) {
            client.get(upstream.uri(), CallOrigin.NONE);

            assertThatThrownBy(() -> client.get(upstream.uri(), CallOrigin.NONE))
                    .isInstanceOf(UpstreamException.class);
            assertThat(upstream.connections()).isEqualTo(2);
            assertThat(client.idleConnections(upstream.uri())).isZero();
        }
    }

    @Test
    void doesNotSendAgainWhenANewConnectionIsDropped() throws Exception {
        try (RawUpstream upstream = new RawUpstream((connection, request) -> DROP);
             UpstreamClient client = client(256)) {
            assertThatThrownBy(() -> client.get(upstream.uri(), CallOrigin.NONE))
                    .isInstanceOf(UpstreamException.class);

            assertThat(upstream.connections()).isEqualTo(1);
        }
    }

    @Test
    void aReusedConnectionThatTimesOutIsATimeoutAndIsNotSentAgain() throws Exception {
        try (RawUpstream upstream = new RawUpstream((connection, request) -> request == 0 ? ANSWER : HANG);
             UpstreamClient client = client(256)) {
            client.get(upstream.uri(), CallOrigin.NONE);

            assertThatThrownBy(() -> client.get(upstream.uri(), CallOrigin.NONE))
                    .isInstanceOfSatisfying(UpstreamException.class,
                                            e -> assertThat(e.kind()).isEqualTo(UpstreamFailure.TIMEOUT));
            assertThat(upstream.connections()).isEqualTo(1);
            assertThat(client.idleConnections(upstream.uri())).isZero();
        }
    }

    @Test
    void aRefusedConnectionIsRefused() throws Exception {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/upstream");
        }
        try (UpstreamClient client = client(256)) {
            assertThatThrownBy(() -> client.get(nobody, CallOrigin.NONE))
                    .isInstanceOfSatisfying(UpstreamException.class,
                                            e -> assertThat(e.kind()).isEqualTo(UpstreamFailure.REFUSED));
        }
    }

    @Test
    void doesNotKeepAConnectionAnsweredWithConnectionClose() throws Exception {
        try (RawUpstream upstream = new RawUpstream((connection, request) -> ANSWER_CONNECTION_CLOSE);
             UpstreamClient client = client(256)) {
            client.get(upstream.uri(), CallOrigin.NONE);
            assertThat(client.idleConnections(upstream.uri())).isZero();

            client.get(upstream.uri(), CallOrigin.NONE);

            assertThat(upstream.connections()).isEqualTo(2);
        }
    }

    @Test
    void keepsEveryConnectionOfABurstIdleWhateverHelidonsCacheSizeSays() throws Exception {
        int calls = 3;
        CountDownLatch allArrived = new CountDownLatch(calls);
        // Every first request waits until all three are in, so the three calls need three connections.
        try (RawUpstream upstream = new RawUpstream((connection, request) -> {
            allArrived.countDown();
            awaitQuietly(allArrived);
            return ANSWER;
        });
             UpstreamClient client = client(1)) {
            inParallel(calls, () -> client.get(upstream.uri(), CallOrigin.NONE));
            // A cache of 1 would have closed two of them, for the next burst to open again.
            assertThat(client.idleConnections(upstream.uri())).isEqualTo(calls);

            inParallel(calls, () -> client.get(upstream.uri(), CallOrigin.NONE));

            assertThat(upstream.connections()).isEqualTo(calls);
        }
    }

    @Test
    void closeClosesEveryIdleConnection() throws Exception {
        int calls = 3;
        CountDownLatch allArrived = new CountDownLatch(calls);
        try (RawUpstream upstream = new RawUpstream((connection, request) -> {
            allArrived.countDown();
            awaitQuietly(allArrived);
            return ANSWER;
        })) {
            UpstreamClient client = client(256);
            inParallel(calls, () -> client.get(upstream.uri(), CallOrigin.NONE));
            assertThat(client.idleConnections(upstream.uri())).isEqualTo(calls);

            client.close();

            assertThat(client.idleConnections(upstream.uri())).isZero();
            assertThat(upstream.awaitClosedByClient(calls)).isTrue();
        }
    }

    private static void inParallel(int calls, Callable<UpstreamReply> call) throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<UpstreamReply>> replies = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                replies.add(threads.submit(call));
            }
            for (Future<UpstreamReply> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
