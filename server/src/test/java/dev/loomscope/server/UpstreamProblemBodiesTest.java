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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A broken or hostile upstream gets a 502 or 504 whose body says what happened in plain words, naming no Java class
 * and no internal address. The test profile sets client.call-timeout to 2 s.
 */
@ServerTest
class UpstreamProblemBodiesTest {

    private static final HostileUpstream UPSTREAM = new HostileUpstream(Map.of(
            1, out -> HostileUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Length: 2000000000\r\n\r\n{\"p\":\"x"),
            2, out -> HostileUpstream.write(out, "SSH-2.0-OpenSSH_9.6\r\n\r\n"),
            3, out -> { },
            4, HostileUpstream::trickle,
            5, out -> HostileUpstream.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nended by close")));

    private final Http1Client client;

    UpstreamProblemBodiesTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.withUpstream(routing, UPSTREAM.uri());
    }

    @AfterAll
    static void stopUpstream() throws Exception {
        UPSTREAM.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            /?bytes=1                | 502 | too-large | the upstream's answer exceeded 1088 KiB
            /?bytes=2                | 502 | not-http  | the upstream's answer was not HTTP
            /?bytes=3                | 502 | closed    | the upstream closed the connection before answering
            /?bytes=4                | 504 | timeout   | the upstream did not answer within 2 s
            /fanout?calls=3&bytes=1  | 502 | too-large | the upstream's answer exceeded 1088 KiB
            /fanout?calls=3&bytes=2  | 502 | not-http  | the upstream's answer was not HTTP
            """)
    void aFailedUpstreamCallIsSaidInPlainWords(String path, int status, String failure, String detail) {
        long start = System.nanoTime();
        try (Http1ClientResponse response = TestRouting.get(client, path).readTimeout(Duration.ofSeconds(20))
                .request()) {
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String body = response.as(String.class);
            JsonNode problem = TestRouting.json(body);

            assertThat(response.status().code()).as(body).isEqualTo(status);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("failure").asText()).isEqualTo(failure);
            assertThat(problem.get("detail").asText()).isEqualTo(detail);
            assertThat(body).doesNotContain("Exception").doesNotContain("java.").doesNotContain("helidon")
                    .doesNotContain("127.0.0.1").doesNotContain(String.valueOf(UPSTREAM.port()));
            // Within the 2 s call deadline, or the 1 s read timeout, plus a margin for a loaded machine.
            assertThat(took).isLessThan(Duration.ofMillis(3500));
        }
    }

    @Test
    void aCloseDelimitedAnswerIsReadToItsEnd() {
        try (Http1ClientResponse response = TestRouting.get(client, "/?bytes=5").request()) {
            String body = response.as(String.class);

            assertThat(response.status().code()).as(body).isEqualTo(200);
            assertThat(TestRouting.json(body).get("upstream").get("bytes").asInt()).isEqualTo("ended by close".length());
        }
    }
}
