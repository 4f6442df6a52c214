package dev.loomscope.server;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.loomscope.server.TestRouting.json;
import static org.assertj.core.api.Assertions.assertThat;

// pinningDetection: Helidon fails the test if any virtual thread is pinned for 20 ms or more while it runs.
@ServerTest(pinningDetection = true)
class HopEndpointTest {

    private static final String CARRIER = "ForkJoinPool-\\d+-worker-\\d+";

    private final Http1Client client;

    HopEndpointTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    private JsonNode get(String path, Status expected) {
        try (Http1ClientResponse response = TestRouting.get(client, path).request()) {
            String body = response.as(String.class);
            assertThat(response.status()).as(body).isEqualTo(expected);
            return json(body);
        }
    }

    @Test
    void handlerAndClientCallRunOnOneVirtualThreadCarriedBySchedulerWorkers() {
        JsonNode report = get("/", Status.OK_200);

        assertThat(report.get("sameVirtualThread").asBoolean()).isTrue();
        JsonNode checkpoints = report.get("checkpoints");
        assertThat(checkpoints).hasSize(4);
        assertThat(checkpoints).extracting(c -> c.get("step").asText())
                .containsExactly("handler-start", "before-call", "after-call", "before-send");
        long threadId = checkpoints.get(0).get("threadId").asLong();
        for (JsonNode checkpoint : checkpoints) {
            assertThat(checkpoint.get("virtual").asBoolean()).isTrue();
            assertThat(checkpoint.get("threadId").asLong()).isEqualTo(threadId);
            assertThat(checkpoint.get("carrier").asText()).matches(CARRIER);
        }
        boolean carrierChanged = !checkpoints.get(1).get("carrier").asText()
                .equals(checkpoints.get(2).get("carrier").asText());
        assertThat(report.get("carrierChanged").asBoolean()).isEqualTo(carrierChanged);
    }

    @Test
    void upstreamIsThisServersOwnEndpointAndItsAnswerIsReported() {
        JsonNode upstream = get("/?delayMs=20&bytes=1000", Status.OK_200).get("upstream");

        assertThat(upstream.get("uri").asText()).endsWith("/upstream?delayMs=20&bytes=1000")
                .startsWith("http://127.0.0.1:");
        assertThat(upstream.get("status").asInt()).isEqualTo(200);
        assertThat(upstream.get("bytes").asInt()).isEqualTo(1000);
        assertThat(upstream.get("elapsedMillis").asDouble()).isGreaterThanOrEqualTo(20.0);
    }

    @Test
    void answerIsJsonWithItsLength() {
        try (Http1ClientResponse response = TestRouting.get(client, "/").request()) {
            byte[] body = response.as(byte[].class);

            assertThat(response.status()).isEqualTo(Status.OK_200);
            // Locks the headers clients see, whatever writes the report.
            assertThat(response.headers().get(HeaderNames.CONTENT_TYPE).get()).isEqualTo("application/json");
            assertThat(response.headers().contentLength()).hasValue(body.length);
            assertThat(json(new String(body, StandardCharsets.UTF_8)).get("requestId").asLong()).isPositive();
        }
    }

    @Test
    void requestIdsAreDistinctPerRequest() {
        long first = get("/", Status.OK_200).get("requestId").asLong();
        long second = get("/", Status.OK_200).get("requestId").asLong();

        assertThat(first).isPositive();
        assertThat(second).isNotEqualTo(first);
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource({
            "/?delayMs=-1, delayMs",
            "/?delayMs=30001, delayMs",
            "/?delayMs=abc, delayMs",
            "/?delayMs=, delayMs",
            "/?bytes=1048577, bytes",
            "/?bytes=1.5, bytes",
            "/upstream?delayMs=99999999999, delayMs",
            "/upstream?bytes=-5, bytes",
            "/fanout?calls=0, calls",
            "/fanout?calls=1001, calls",
            "/fanout?calls=ten, calls",
            "/pinning?mode=spin, mode",
            "/pinning, mode",
            "/pinning?mode=lock&millis=0, millis"
    })
    void badParameterIsA400ProblemNamingTheField(String path, String field) {
        JsonNode problem = get(path, Status.BAD_REQUEST_400);

        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("field").asText()).isEqualTo(field);
        assertThat(problem.get("detail").asText()).startsWith(field + " must be");
        assertThat(problem.get("allowed").asText()).isNotBlank();
    }

    @Test
    void noUrlIsTakenFromTheRequest() {
        JsonNode upstream = get("/?uri=http://example.invalid/&url=http://example.invalid/&host=example.invalid",
                                Status.OK_200).get("upstream");

        assertThat(upstream.get("uri").asText()).startsWith("http://127.0.0.1:").doesNotContain("example");
    }
}
