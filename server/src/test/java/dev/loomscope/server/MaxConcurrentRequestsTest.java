package dev.loomscope.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import io.helidon.webserver.testing.junit5.SetUpServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class MaxConcurrentRequestsTest {

    private final Http1Client client;

    MaxConcurrentRequestsTest(Http1Client client) {
        this.client = client;
    }

    @SetUpServer
    static void server(WebServerConfig.Builder server) {
        server.maxConcurrentRequests(1);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    private Status status(String pathAndQuery) {
        try (Http1ClientResponse response = TestRouting.get(client, pathAndQuery).request()) {
            return response.status();
        }
    }

    @Test
    void requestOverTheLimitGets503AndServerRecoversWhenLoadDrops() throws Exception {
        // The slow request and the probes race for the only permit; when a probe wins, the slow request itself
        // gets 503 at once, so the attempt is repeated (bounded) until the slow request holds the permit.
        boolean rejected = false;
        Status slowStatus = null;
        for (int attempt = 0; attempt < 20 && !rejected; attempt++) {
            CompletableFuture<Status> slow = CompletableFuture.supplyAsync(() -> status("/upstream?delayMs=3000"),
                                                                           runnable -> Thread.ofVirtual().start(runnable));
            while (!slow.isDone() && !rejected) {
                rejected = status("/upstream") == Status.SERVICE_UNAVAILABLE_503;
            }
            slowStatus = slow.get(10, TimeUnit.SECONDS);
        }

        assertThat(rejected).as("a request got 503 while the slow one held the only permit").isTrue();
        assertThat(slowStatus).isEqualTo(Status.OK_200);
        assertThat(status("/upstream")).isEqualTo(Status.OK_200);
    }
}
