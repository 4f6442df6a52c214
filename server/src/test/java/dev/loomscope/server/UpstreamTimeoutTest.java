package dev.loomscope.server;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The test profile sets client.read-timeout to 1 s; the upstream is asked to wait 4 s. */
@ServerTest
class UpstreamTimeoutTest {

    private final Http1Client client;

    UpstreamTimeoutTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/?delayMs=4000", "/fanout?calls=3&delayMs=4000"})
    void upstreamSlowerThanReadTimeoutIsA504WithinTheTimeout(String path) {
        long start = System.nanoTime();
        try (Http1ClientResponse response = TestRouting.get(client, path).readTimeout(Duration.ofSeconds(10)).request()) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            JsonNode problem = TestRouting.json(response.as(String.class));

            assertThat(response.status()).isEqualTo(Status.GATEWAY_TIMEOUT_504);
            assertThat(problem.get("failure").asText()).isEqualTo("timeout");
            // 1 s read timeout, well before the upstream's 4 s answer; the margin absorbs a loaded CI machine.
            assertThat(took).isLessThan(Duration.ofMillis(3500));
        }
    }
}
