package dev.loomscope.it;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
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

    // Handlers commit loomscope.ServerRequest and ClientCall themselves, so JFR drops their slices (README, recorder,
    // known defect): measured, handler 61 had no slice inside its request's span.
    @Disabled("JFR drops a slice in which the virtual thread committed its own event; see README, recorder, known defect")
    @Test
    void everyHandlerHasSlicesInItsRequestSpanOnTheSameCarriersAsTheSubPollers() {
        for (RecordedEvent request : recorded.requests) {
            long handler = request.getLong("threadId");
            assertThat(recorded.slices).as("slices of handler %d", handler).anyMatch(s -> s.virtualId() == handler
                    && s.start().isBefore(request.getEndTime()) && s.end().isAfter(request.getStartTime()));
        }
        Set<Long> handlerCarriers = recorded.slices.stream()
                .filter(s -> recorded.requests.stream().anyMatch(r -> r.getLong("threadId") == s.virtualId()))
                .map(Slices.Slice::carrierId).collect(Collectors.toSet());
        Set<Long> pollerCarriers = recorded.slices.stream()
                .filter(s -> s.virtualThread().getJavaName() != null && s.virtualThread().getJavaName().startsWith("SubPoller-"))
                .map(Slices.Slice::carrierId).collect(Collectors.toSet());
        assertThat(pollerCarriers).as("JDK 22+: SubPollers on the handlers' carriers").containsAnyElementsOf(handlerCarriers);
    }
}
