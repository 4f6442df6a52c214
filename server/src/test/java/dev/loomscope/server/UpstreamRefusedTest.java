package dev.loomscope.server;

import java.net.URI;

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

@ServerTest
class UpstreamRefusedTest {

    private static final URI REFUSING = URI.create("http://127.0.0.1:" + TestRouting.closedPort() + "/upstream");

    private final Http1Client client;

    UpstreamRefusedTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.withUpstream(routing, REFUSING);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/fanout?calls=5"})
    void refusedUpstreamIsA502ProblemWithoutStackTrace(String path) {
        try (Http1ClientResponse response = TestRouting.get(client, path).request()) {
            String body = response.as(String.class);
            JsonNode problem = TestRouting.json(body);

            assertThat(response.status()).isEqualTo(Status.BAD_GATEWAY_502);
            assertThat(problem.get("status").asInt()).isEqualTo(502);
            assertThat(problem.get("failure").asText()).isEqualTo("refused");
            assertThat(problem.get("detail").asText()).isEqualTo("the upstream refused the connection");
            assertThat(problem.has("upstream")).as("names no internal address").isFalse();
            assertThat(body).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }
}
