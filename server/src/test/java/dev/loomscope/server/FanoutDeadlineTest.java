package dev.loomscope.server;

import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A fan-out may take 500 ms here, well before the test profile's 2 s call deadline ends a trickling call. */
@ServerTest
class FanoutDeadlineTest {

    private static final Duration FANOUT_TIMEOUT = Duration.ofMillis(500);
    private static final HostileUpstream UPSTREAM = new HostileUpstream(Map.of(1, HostileUpstream::trickle));

    private final Http1Client client;

    FanoutDeadlineTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.withUpstream(routing, UPSTREAM.uri(), new FanoutLimits(100, FANOUT_TIMEOUT));
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        UPSTREAM.close();
    }

    @Test
    void aFanoutPastItsDeadlineIsA504AtTheDeadline() {
        long start = System.nanoTime();
        try (Http1ClientResponse response = TestRouting.get(client, "/fanout?calls=3&bytes=1")
                .readTimeout(Duration.ofSeconds(20)).request()) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String body = response.as(String.class);
            JsonNode problem = TestRouting.json(body);

            assertThat(response.status().code()).as(body).isEqualTo(504);
            assertThat(problem.get("detail").asText()).isEqualTo("the fan-out of 3 calls did not finish within 500 ms");
            assertThat(took).isGreaterThanOrEqualTo(FANOUT_TIMEOUT).isLessThan(Duration.ofMillis(1800));
        }
    }
}
