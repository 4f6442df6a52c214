package dev.loomscope.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

@ServerTest(pinningDetection = true)
class UpstreamEndpointTest {

    private final Http1Client client;

    UpstreamEndpointTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    @ParameterizedTest(name = "bytes={0}")
    @ValueSource(ints = {0, 1, 7, 8, 64, 100_000, 1 << 20})
    void answersExactlyTheRequestedNumberOfBytes(int bytes) throws java.io.IOException {
        try (Http1ClientResponse response = client.get("/upstream").queryParam("bytes", String.valueOf(bytes)).request()) {
            byte[] body = response.inputStream().readAllBytes();

            assertThat(response.status()).isEqualTo(Status.OK_200);
            assertThat(response.headers().get(HeaderNames.CONTENT_TYPE).get()).startsWith("application/json");
            assertThat(body).hasSize(bytes);
            if (bytes > 0) {
                // Valid JSON of any size: a number below 8 bytes, an object from 8 bytes on.
                assertThat(TestRouting.json(new String(body, java.nio.charset.StandardCharsets.US_ASCII))).isNotNull();
            }
        }
    }

    @Test
    void defaultsToSixtyFourBytesWithoutDelay() {
        try (Http1ClientResponse response = client.get("/upstream").request()) {
            assertThat(response.as(byte[].class)).hasSize(64);
        }
    }

    @Test
    void waitsAtLeastTheRequestedDelay() {
        long start = System.nanoTime();
        try (Http1ClientResponse response = client.get("/upstream").queryParam("delayMs", "150").request()) {
            assertThat(response.status()).isEqualTo(Status.OK_200);
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
    }
}
