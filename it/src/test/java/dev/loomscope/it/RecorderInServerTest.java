package dev.loomscope.it;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The server started with plain java -jar runs the recorder from its manifest, silently, and records slices. */
class RecorderInServerTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    private static ServerProcess server;
    private static Slices recorded;

    @BeforeAll
    static void serveTwentyRequests() throws Exception {
        server = PROCESSES.start("server", ServerProcess.Options.defaults());
        for (int i = 0; i < 20; i++) {
            assertThat(RawHttp.get("127.0.0.1", server.port(), "/", Duration.ofSeconds(5)).status()).isEqualTo(200);
        }
        server.close();
        recorded = Slices.read(server.recording());
    }

    @Test
    void javaDashJarStartsTheRecorderWithoutWarningsAndSlicesRunOnPlatformCarriersOneAtATime() throws Exception {
        assertThat(Files.readString(server.directory().resolve("stderr.log"))).doesNotContain("WARNING");
        assertThat(recorded.statuses).isNotEmpty().allMatch(status -> status.startsWith("on: "));
        assertThat(recorded.slices).isNotEmpty()
                .allMatch(s -> !s.carrier().isVirtual() && s.carrier().getOSThreadId() != 0);
        assertThat(recorded.overlapsBy(Slices.Slice::carrierId)).isEmpty();
        assertThat(recorded.overlapsBy(Slices.Slice::virtualId)).isEmpty();
    }

    // The handler is mounted when its request begins and when it ends, so a slice holds each of those instants.
    @Test
    void everyHandlersSlicesCoverItsRequestSpanOnTheSameCarriersAsTheSubPollers() {
        for (RecordedEvent request : recorded.requests) {
            long handler = request.getLong("threadId");
            assertThat(recorded.slices).as("a slice of handler %d holding its request's start", handler)
                    .anyMatch(s -> s.virtualId() == handler && holds(s, request.getStartTime()));
            assertThat(recorded.slices).as("a slice of handler %d holding its request's end", handler)
                    .anyMatch(s -> s.virtualId() == handler && holds(s, request.getEndTime()));
        }
        Set<Long> handlerCarriers = recorded.slices.stream()
                .filter(s -> recorded.requests.stream().anyMatch(r -> r.getLong("threadId") == s.virtualId()))
                .map(Slices.Slice::carrierId).collect(Collectors.toSet());
        Set<Long> pollerCarriers = recorded.slices.stream()
                .filter(s -> s.virtualThread().getJavaName() != null && s.virtualThread().getJavaName().startsWith("SubPoller-"))
                .map(Slices.Slice::carrierId).collect(Collectors.toSet());
        assertThat(pollerCarriers).as("JDK 22+: SubPollers on the handlers' carriers").containsAnyElementsOf(handlerCarriers);
    }

    private static boolean holds(Slices.Slice slice, java.time.Instant instant) {
        return !slice.start().isAfter(instant) && !slice.end().isBefore(instant);
    }
}
