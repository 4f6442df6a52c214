package dev.loomscope.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loomscope.client.PoolLimits;
import dev.loomscope.client.UpstreamClient;
import dev.loomscope.client.UpstreamLimits;
import io.helidon.config.Config;
import io.helidon.service.registry.Services;
import io.helidon.webclient.api.Proxy;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With every upstream connection in use for longer than client.connection-wait-timeout, a request gets 503 and a
 * problem body that says so, while the call holding the connection still gets its answer.
 */
@ServerTest
class UpstreamBusyTest {

    private static final CountDownLatch RELEASE = new CountDownLatch(1);
    private static final HostileUpstream UPSTREAM = new HostileUpstream(Map.of(1, out -> {
        RELEASE.await(20, TimeUnit.SECONDS);
        HostileUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    }));

    private final Http1Client client;

    UpstreamBusyTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        Config config = Services.get(Config.class);
        // One connection, and 200 ms of waiting for it.
        UpstreamClient upstreamClient = new UpstreamClient(Http1Client.builder()
                                                                   .config(config.get("client"))
                                                                   .proxy(Proxy.noProxy())
                                                                   .build(),
                                                           UpstreamLimits.from(config.get("client")),
                                                           new PoolLimits(1, Duration.ofMillis(200),
                                                                          Duration.ofSeconds(60)));
        TestRouting.withUpstream(routing, UPSTREAM.uri(), FanoutLimits.from(config.get("app.fanout")), upstreamClient);
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        RELEASE.countDown();
        UPSTREAM.close();
    }

    @Test
    void aCallThatFindsTheOnlyConnectionInUsePastTheWaitTimeoutGets503SayingTheUpstreamIsBusy() throws Exception {
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Integer> holder = threads.submit(() -> {
                try (Http1ClientResponse response = TestRouting.get(client, "/?bytes=1").request()) {
                    return response.status().code();
                }
            });
            assertThat(UPSTREAM.awaitRequests(1)).isTrue();

            try (Http1ClientResponse response = TestRouting.get(client, "/?bytes=1").request()) {
                String body = response.as(String.class);
                JsonNode problem = TestRouting.json(body);

                assertThat(response.status().code()).as(body).isEqualTo(503);
                assertThat(problem.get("status").asInt()).isEqualTo(503);
                assertThat(problem.get("failure").asText()).isEqualTo("busy");
                assertThat(problem.get("detail").asText())
                        .isEqualTo("too many calls to the upstream at once: no connection came free within 200 ms");
            } finally {
                RELEASE.countDown();
            }
            assertThat(holder.get(20, TimeUnit.SECONDS)).isEqualTo(200);
        }
    }
}
