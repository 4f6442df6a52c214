package dev.loomscope.it;

import java.nio.file.Path;

import dev.loomscope.it.workload.JdkHttpServerOnVirtualThreads;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The recorder under com.sun.net.httpserver with a virtual-thread executor, a server nobody wrote it for. */
class RecorderOnJdkHttpServerTest {

    private static RecordedChild child;
    private static Slices recorded;

    @BeforeAll
    static void serveThirtyRequests() throws Exception {
        Path directory = Jars.output().resolve(RecorderOnJdkHttpServerTest.class.getSimpleName()).resolve("httpserver");
        TestOutput.clean(directory);
        child = RecordedChild.run(directory, JdkHttpServerOnVirtualThreads.class);
        recorded = Slices.read(child.recording);
    }

    @Test
    void startsSilentlyAndRecordsEachHandlersSleepWakeupAsTheTimers() {
        assertThat(child.exitCode).isZero();
        assertThat(child.stderr).doesNotContain("WARNING");
        assertThat(recorded.statuses).isNotEmpty().allMatch(status -> status.startsWith("on: "));
        // 30 handlers each sleep 2 ms: 30 timer wake-ups at least
        assertThat(recorded.wakeups.stream().filter(w -> w.source().equals("timer")).count()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void handlersRunInSlicesOnPlatformCarriersOneAtATime() {
        assertThat(recorded.slices).isNotEmpty()
                .allMatch(s -> !s.carrier().isVirtual() && s.carrier().getOSThreadId() != 0);
        assertThat(recorded.overlapsBy(Slices.Slice::carrierId)).isEmpty();
        assertThat(recorded.overlapsBy(Slices.Slice::virtualId)).isEmpty();
    }
}
