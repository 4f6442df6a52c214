package dev.loomscope.server;

import java.util.HashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest(pinningDetection = true)
class FanoutEndpointTest {

    private final Http1Client client;

    FanoutEndpointTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    @Test
    void fiftyCallsOfTwoHundredMillisRunInParallelOnFiftyNamedVirtualThreads() {
        JsonNode report;
        try (Http1ClientResponse response = TestRouting.get(client, "/fanout?calls=50&delayMs=200").request()) {
            String body = response.as(String.class);
            assertThat(response.status()).as(body).isEqualTo(Status.OK_200);
            report = TestRouting.json(body);
        }

        assertThat(report.get("calls").asInt()).isEqualTo(50);
        assertThat(report.get("distinctVirtualThreads").asInt()).isEqualTo(50);
        // In sequence the calls would take 50 x 200 ms = 10 s; in parallel about 200 ms.
        assertThat(report.get("wallMillis").asDouble()).isBetween(200.0, 10_000.0 / 4);
        long requestId = report.get("requestId").asLong();
        Set<String> names = new HashSet<>();
        for (JsonNode call : report.get("results")) {
            assertThat(call.get("status").asInt()).isEqualTo(200);
            JsonNode before = call.get("checkpoints").get(0);
            JsonNode after = call.get("checkpoints").get(1);
            assertThat(before.get("virtual").asBoolean()).isTrue();
            assertThat(before.get("threadId").asLong()).isEqualTo(after.get("threadId").asLong());
            assertThat(before.get("threadId").asLong()).isNotEqualTo(report.get("handler").get("threadId").asLong());
            names.add(before.get("threadName").asText());
        }
        assertThat(names).hasSize(50).allMatch(name -> name.startsWith("loomscope-fanout-" + requestId + "-"));
        assertThat(report.get("distinctCarriers")).isNotEmpty()
                .allMatch(carrier -> carrier.asText().matches("ForkJoinPool-\\d+-worker-\\d+"));
    }

    @Test
    void defaultsToTenCalls() {
        try (Http1ClientResponse response = client.get("/fanout").request()) {
            assertThat(TestRouting.json(response.as(String.class)).get("results")).hasSize(10);
        }
    }
}
