package dev.loomscope.server;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** All fan-outs together have at most 5 calls in flight here; the test profile ends a trickling call at 2 s. */
@ServerTest
class FanoutCapTest {

    private static final int TRICKLE = 1;
    private static final int ANSWER = 2;
    private static final HostileUpstream UPSTREAM = new HostileUpstream(Map.of(
            TRICKLE, HostileUpstream::trickle,
            ANSWER, out -> HostileUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}")));

    private final Http1Client client;

    FanoutCapTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.withUpstream(routing, UPSTREAM.uri(), new FanoutLimits(5, Duration.ofSeconds(30)));
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void aFanoutThatWouldExceedTheCallsInFlightOfAllFanoutsIsA503UntilTheyEnd() throws Exception {
        CompletableFuture<Integer> holding = CompletableFuture.supplyAsync(
                () -> status("/fanout?calls=5&bytes=" + TRICKLE));
        assertThat(UPSTREAM.awaitRequests(5)).as("the 5 held calls reached the upstream").isTrue();

        String refused;
        int refusedStatus;
        try (Http1ClientResponse response = TestRouting.get(client, "/fanout?calls=1&bytes=" + ANSWER).request()) {
            refusedStatus = response.status().code();
            refused = response.as(String.class);
        }
        // The held calls end at the 2 s call deadline; their permits come back with them.
        assertThat(holding.get()).isEqualTo(504);
        int afterwards = status("/fanout?calls=5&bytes=" + ANSWER);

        assertThat(refusedStatus).as(refused).isEqualTo(503);
        JsonNode problem = TestRouting.json(refused);
        assertThat(problem.get("detail").asText())
                .isEqualTo("too many upstream calls in flight: a fan-out of 1 would exceed the limit of 5;"
                                   + " try again later");
        assertThat(afterwards).isEqualTo(200);
    }

    @Test
    void aFanoutLargerThanTheLimitIsA503() {
        assertThat(status("/fanout?calls=6&bytes=" + ANSWER)).isEqualTo(503);
    }

    private int status(String path) {
        try (Http1ClientResponse response = TestRouting.get(client, path).readTimeout(Duration.ofSeconds(20))
                .request()) {
            return response.status().code();
        }
    }
}
