package dev.loomscope.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twelve fan-outs of 1000 calls at once, which held about 24,000 file descriptors, meet the default cap of 2000 calls
 * in flight: two run, the others get 503 at once, and the server stays healthy.
 */
class FanoutCapClaimTest {

    @RegisterExtension
    static final Processes PROCESSES = new Processes();

    static final Duration WAIT = Duration.ofSeconds(30);

    /** Could fail if the cap were missing (descriptors run out, calls fail with 502) or let more fan-outs in. */
    @Test
    void twelveLargeFanoutsAtOnceRunTwoAndRefuseTheRestWith503() throws Exception {
        ServerProcess server = PROCESSES.start("server", ServerProcess.Options.defaults().withoutRecording()
                .property("app.warm-up.enabled", false));
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<RawHttp.Response>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(clients.submit(() -> RawHttp.get("127.0.0.1", server.port(),
                                                             "/fanout?calls=1000&delayMs=3000", WAIT)));
            }
            for (Future<RawHttp.Response> future : futures) {
                RawHttp.Response response = future.get();
                statuses.add(response.status());
                if (response.status() == 503) {
                    assertThat(response.body()).contains("too many upstream calls in flight");
                }
            }
        }
        System.out.println("12 fan-outs of 1000 calls at once: " + statuses);

        assertThat(statuses).allMatch(status -> status == 200 || status == 503);
        assertThat(statuses.stream().filter(status -> status == 200).count()).isBetween(1L, 2L);
        assertThat(server.alive()).as("server process alive").isTrue();
        assertThat(server.healthy()).as("health").isTrue();
        assertThat(RawHttp.get("127.0.0.1", server.port(), "/fanout?calls=5", WAIT).status()).isEqualTo(200);
    }
}
