package dev.loomscope.server;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.event.ServerRequestEvent;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.moditect.jfrunit.EnableEvent;
import org.moditect.jfrunit.JfrEventTest;
import org.moditect.jfrunit.JfrEvents;

import static org.assertj.core.api.Assertions.assertThat;

/** The loomscope events as JfrUnit records them while the endpoints serve real requests in this JVM (public: JfrUnit reads the field reflectively). */
@JfrEventTest
@ServerTest
public class RequestEventsJfrTest {

    private static final String CARRIER = "ForkJoinPool-\\d+-worker-\\d+";

    public JfrEvents jfrEvents = new JfrEvents();

    private final Http1Client client;

    RequestEventsJfrTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        TestRouting.standard(routing);
    }

    private long requestIdOf(String pathAndQuery) {
        try (Http1ClientResponse response = TestRouting.get(client, pathAndQuery).request()) {
            JsonNode body = TestRouting.json(response.as(String.class));
            return body.get("requestId").asLong();
        }
    }

    private List<RecordedEvent> events(String name, long requestId) {
        return jfrEvents.events()
                .filter(e -> e.getEventType().getName().equals(name) && e.getLong("requestId") == requestId)
                .toList();
    }

    @Test
    @EnableEvent(value = ServerRequestEvent.NAME, threshold = 0)
    @EnableEvent(value = ClientCallEvent.NAME, threshold = 0)
    void hopRecordsItsRequestAndClientCallOnOneVirtualThreadWithCarriers() {
        long requestId = requestIdOf("/?bytes=128");
        jfrEvents.awaitEvents();

        List<RecordedEvent> requests = events(ServerRequestEvent.NAME, requestId);
        assertThat(requests).hasSize(1);
        RecordedEvent request = requests.get(0);
        assertThat(request.getString("method")).isEqualTo("GET");
        assertThat(request.getString("path")).isEqualTo("/");
        assertThat(request.getInt("status")).isEqualTo(200);
        assertThat(request.getBoolean("virtual")).isTrue();
        assertThat(request.getThread().isVirtual()).isTrue();
        assertThat(request.getLong("threadId")).isEqualTo(request.getThread().getJavaThreadId());
        assertThat(request.getString("startCarrier")).matches(CARRIER);
        assertThat(request.getString("endCarrier")).matches(CARRIER);

        List<RecordedEvent> calls = events(ClientCallEvent.NAME, requestId);
        assertThat(calls).hasSize(1);
        RecordedEvent call = calls.get(0);
        assertThat(call.getLong("threadId")).isEqualTo(request.getLong("threadId"));
        assertThat(call.getLong("handlerThreadId")).isEqualTo(request.getLong("threadId"));
        assertThat(call.getString("outcome")).isEqualTo("ok");
        assertThat(call.getInt("status")).isEqualTo(200);
        assertThat(call.getLong("responseBytes")).isEqualTo(128);
        assertThat(call.getString("uri")).endsWith("/upstream?delayMs=0&bytes=128");
        assertThat(call.getString("startCarrier")).matches(CARRIER);
        assertThat(call.getString("endCarrier")).matches(CARRIER);
        // The upstream call reached this server's /upstream, recorded under its own path.
        assertThat(jfrEvents.events()
                           .filter(e -> e.getEventType().getName().equals(ServerRequestEvent.NAME))
                           .map(e -> e.getString("path")))
                .contains("/", "/upstream");
        // The call lies inside the request that made it.
        assertThat(call.getStartTime()).isAfterOrEqualTo(request.getStartTime());
        assertThat(call.getEndTime()).isBeforeOrEqualTo(request.getEndTime());
    }

    @Test
    @EnableEvent(value = ServerRequestEvent.NAME, threshold = 0)
    @EnableEvent(value = ClientCallEvent.NAME, threshold = 0)
    void fanoutCallsRunOnTheirOwnNamedVirtualThreadsAndNameTheirHandler() {
        long requestId = requestIdOf("/fanout?calls=5&delayMs=20");
        jfrEvents.awaitEvents();

        RecordedEvent request = events(ServerRequestEvent.NAME, requestId).get(0);
        assertThat(request.getString("path")).isEqualTo("/fanout");
        List<RecordedEvent> calls = events(ClientCallEvent.NAME, requestId);
        assertThat(calls).hasSize(5);
        Set<Long> callThreads = calls.stream().map(c -> c.getLong("threadId")).collect(Collectors.toSet());
        assertThat(callThreads).hasSize(5).doesNotContain(request.getLong("threadId"));
        assertThat(calls).allSatisfy(call -> {
            assertThat(call.getLong("handlerThreadId")).isEqualTo(request.getLong("threadId"));
            assertThat(call.getThread().isVirtual()).isTrue();
            assertThat(call.getThread().getJavaName()).startsWith("loomscope-fanout-" + requestId + "-");
        });
    }

    @Test
    @EnableEvent(value = ServerRequestEvent.NAME, threshold = 0)
    void badRequestIsRecordedWithItsStatus() {
        try (Http1ClientResponse response = TestRouting.get(client, "/?delayMs=-3").request()) {
            assertThat(response.status().code()).isEqualTo(400);
        }
        jfrEvents.awaitEvents();

        assertThat(jfrEvents.events()
                           .filter(e -> e.getEventType().getName().equals(ServerRequestEvent.NAME))
                           .filter(e -> e.getInt("status") == 400))
                .hasSize(1);
    }
}
