package dev.loomscope.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.loomscope.it.Recorded.Call;
import dev.loomscope.it.Recorded.Request;
import dev.loomscope.jfr.analysis.Report;
import io.helidon.webclient.api.ClientResponseTyped;
import io.helidon.webclient.http2.Http2Client;
import io.helidon.webclient.http2.Http2ClientProtocolConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP/2 claims, from one run: {@value #STREAMS} concurrent requests to {@code /} as streams of one h2c
 * connection, on a server whose upstream calls go over h2c ({@code client.protocol: h2c}) to a second, recording
 * server. Each server's recording is read directly and through the analyser.
 */
class H2cClaimsTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final int STREAMS = 24;
    static final int UPSTREAM_DELAY_MS = 400;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<JsonNode> answers;
    private static long connectionsBefore;
    private static List<Request> hops;
    private static List<Call> calls;
    private static List<Request> upstreamRequests;
    private static Report report;
    private static Slices slices;

    @BeforeAll
    static void sendConcurrentStreamsOnOneConnectionThroughAnH2cHop() throws Exception {
        ServerProcess upstream = PROCESSES.start("upstream", ServerProcess.Options.defaults());
        ServerProcess server = PROCESSES.start("server", ServerProcess.Options.defaults().upstream(upstream)
                .property("client.protocol", "h2c"));
        Http2Client client = Http2Client.builder()
                .baseUri(server.uri(""))
                .shareConnectionCache(false)
                .protocolConfig(Http2ClientProtocolConfig.builder().priorKnowledge(true).build())
                .build();
        try {
            // One request first: it opens the test's connection and the hop's upstream connection, so the burst
            // needs neither.
            connectionsBefore = get(client, 0).path("upstream").path("connectionsOpened").asLong();
            try (ExecutorService users = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<JsonNode>> sent = new ArrayList<>();
                for (int i = 0; i < STREAMS; i++) {
                    sent.add(users.submit(() -> get(client, UPSTREAM_DELAY_MS)));
                }
                answers = new ArrayList<>();
                for (Future<JsonNode> answer : sent) {
                    answers.add(answer.get());
                }
            }
        } finally {
            client.closeResource();
        }
        assertThat(server.stop(ServerProcess.STOP_LIMIT)).as("exit code of %s", server).isZero();
        assertThat(upstream.stop(ServerProcess.STOP_LIMIT)).as("exit code of %s", upstream).isZero();

        Recorded recorded = Recorded.read(server.recording());
        Set<Long> burst = answers.stream().map(a -> a.path("requestId").asLong()).collect(Collectors.toSet());
        hops = recorded.requests(r -> burst.contains(r.requestId()));
        calls = recorded.calls.stream().filter(c -> burst.contains(c.requestId())).toList();
        report = Analysed.report(server.recording());
        slices = Slices.read(server.recording());
        upstreamRequests = Recorded.read(upstream.recording())
                .requests(r -> r.path().equals("/upstream") && r.start().isAfter(hops.getFirst().start()));
    }

    /**
     * Claim 12: could fail if Helidon ran a connection's streams one after another on one thread (as HTTP/1.1 does,
     * claim 5), handed them to fewer threads than streams, or if the streams came on more than one connection.
     */
    @Test
    void onHttp2ConcurrentRequestsOnOneConnectionEachRunOnAVirtualThreadOfTheirOwnOverlappingInTime() {
        assertThat(answers).extracting(a -> a.path("protocol").asText()).containsOnly("HTTP/2");
        assertThat(hops).as("burst requests recorded").hasSize(STREAMS);
        assertThat(hops).extracting(Request::protocol).containsOnly("HTTP/2");
        assertThat(hops.stream().map(Request::connection).distinct().toList()).as("connections").hasSize(1);
        assertThat(hops.stream().map(Request::streamId).distinct().count()).as("stream ids").isEqualTo(STREAMS);
        assertThat(hops).allMatch(Request::virtual, "on a virtual thread");
        assertThat(hops.stream().map(Request::threadId).distinct().count()).as("handler threads").isEqualTo(STREAMS);
        // Overlapping: every request started before the first one ended, so all STREAMS ran at once.
        Instant firstEnd = hops.stream().map(Request::end).min(Comparator.naturalOrder()).orElseThrow();
        Instant lastStart = hops.stream().map(Request::start).max(Comparator.naturalOrder()).orElseThrow();
        assertThat(lastStart).as("last start before the first end").isBefore(firstEnd);
        assertThat(report.requests().maxInFlightPerHandlerThread()).as("analyser: in flight per thread").isEqualTo(1);
        assertThat(report.connections().byProtocol()).as("analyser: connections").singleElement()
                .satisfies(http2 -> {
                    assertThat(http2.protocol()).isEqualTo("HTTP/2");
                    assertThat(http2.model()).isEqualTo("thread-per-request");
                    assertThat(http2.maxInFlightPerConnection()).isEqualTo(STREAMS);
                });
        assertThat(report.verdict()).contains("HTTP/2: one thread per request (per stream)");
        System.out.printf("claim 12: %d streams of connection %s on %d virtual threads, all in flight at once%n",
                          hops.size(), hops.getFirst().connection(),
                          hops.stream().map(Request::threadId).distinct().count());
    }

    /**
     * With the mount recorder: could fail if a stream's virtual thread were not mounted (no slice) at its request's
     * start and end, or if two of the streams' threads ran on one carrier at once.
     */
    @Test
    void eachStreamsVirtualThreadShowsItsSlicesOnTheCarriersAtItsRequestsStartAndEnd() {
        for (Request hop : hops) {
            assertThat(slices.slices).as("a slice of stream %d's thread holding its start", hop.streamId())
                    .anyMatch(s -> s.virtualId() == hop.threadId() && holds(s, hop.start()));
            assertThat(slices.slices).as("a slice of stream %d's thread holding its end", hop.streamId())
                    .anyMatch(s -> s.virtualId() == hop.threadId() && holds(s, hop.end()));
        }
        assertThat(slices.overlapsBy(Slices.Slice::carrierId)).as("one virtual thread per carrier at a time").isEmpty();
    }

    private static boolean holds(Slices.Slice slice, Instant instant) {
        return !slice.start().isAfter(instant) && !slice.end().isBefore(instant);
    }

    /**
     * Claim 13: could fail if the h2c client opened a connection per call (the upstream would see several
     * connections, the hop's count would grow) or ran a call on a thread other than its handler's.
     */
    @Test
    void withAnH2cUpstreamConcurrentClientCallsShareOneTcpConnectionAndEachRunsOnItsHandlersVirtualThread() {
        assertThat(answers).extracting(a -> a.path("upstream").path("protocol").asText()).containsOnly("h2c");
        assertThat(answers).extracting(a -> a.path("upstream").path("connectionsOpened").asLong())
                .as("upstream connections opened by the hop, before the burst: %d", connectionsBefore)
                .containsOnly(connectionsBefore);
        assertThat(upstreamRequests).as("/upstream requests the upstream recorded").hasSize(STREAMS);
        assertThat(upstreamRequests).extracting(Request::protocol).containsOnly("HTTP/2");
        assertThat(upstreamRequests.stream().map(Request::connection).distinct().toList())
                .as("TCP connections the calls came on").hasSize(1);
        assertThat(upstreamRequests.stream().map(Request::streamId).distinct().count()).isEqualTo(STREAMS);

        Map<Long, Request> hopById = hops.stream().collect(Collectors.toMap(Request::requestId, r -> r));
        assertThat(calls).hasSize(STREAMS);
        for (Call call : calls) {
            Request hop = hopById.get(call.requestId());
            assertThat(call.virtual()).as("virtual: %s", call).isTrue();
            assertThat(call.threadId()).as("thread of %s", call).isEqualTo(hop.threadId());
            assertThat(call.eventThreadId()).as("event thread of %s", call).isEqualTo(hop.threadId());
            assertThat(hop.contains(call)).as("%s within %s", call, hop).isTrue();
        }
        System.out.printf("claim 13: %d h2c client calls as streams of 1 connection, each on its handler's thread%n",
                          calls.size());
    }

    private static JsonNode get(Http2Client client, int delayMs) throws Exception {
        ClientResponseTyped<String> response = client.get("/").queryParam("delayMs", String.valueOf(delayMs))
                .request(String.class);
        assertThat(response.status().code()).as("status: %s", response.entity()).isEqualTo(200);
        return JSON.readTree(response.entity());
    }
}
