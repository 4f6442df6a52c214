package dev.loomscope.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest
class PinningEndpointTest {

    private final Http1Client client;

    PinningEndpointTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    @ParameterizedTest
    @CsvSource({"synchronized", "class-init", "lock"})
    void reportsWhetherTheRunningJdkPinsThisMode(String mode) {
        try (Http1ClientResponse response = TestRouting.get(client, "/pinning?millis=5&mode=" + mode).request()) {
            JsonNode report = TestRouting.json(response.as(String.class));
            int feature = Runtime.version().feature();
            boolean expected = switch (mode) {
                case "synchronized" -> feature < 24;
                case "class-init" -> true;
                default -> false;
            };

            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(report.get("mode").asText()).isEqualTo(mode);
            assertThat(report.get("jdk").asText()).isEqualTo(Runtime.version().toString());
            assertThat(report.get("expectedPinned").asBoolean()).isEqualTo(expected);
            assertThat(report.get("before").get("virtual").asBoolean()).isTrue();
        }
    }
}
