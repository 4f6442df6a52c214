package dev.loomscope.agent;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Files;

import dev.loomscope.jfr.event.VirtualThreadSliceEvent;
import dev.loomscope.jfr.event.VirtualThreadWakeupEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualThreadInternalsTest {

    private static final Class<?> VIRTUAL_THREAD = virtualThreadClass();

    @Test
    void aMissingRunMethodIsReportedByNameAndNothingIsRewritten() throws Exception {
        VirtualThreadInternals.Result result = VirtualThreadInternals.inspect(VIRTUAL_THREAD, "runContinuationGone");
        assertThat(result.internals()).isNull();
        assertThat(result.problem()).isEqualTo("VirtualThread.runContinuationGone() not found");

        Rewritten rewritten = new VirtualThreadRewriter("runContinuationGone").rewrite(jdkBytes());
        assertThat(rewritten.bytes()).isNull();
        assertThat(rewritten.problem()).contains("runContinuationGone");
    }

    @Test
    void thisJdksVirtualThreadHasEverySiteTheRecorderNeeds() throws Exception {
        VirtualThreadRewriter rewriter = new VirtualThreadRewriter("runContinuation");
        Rewritten rewritten = rewriter.rewrite(jdkBytes());
        assertThat(rewritten.problem()).isNull();
        assertThat(rewritten.bytes()).isNotEmpty();
        assertThat(rewriter.summary()).startsWith("runContinuation(): mount 1, unmount ");
    }

    @Test
    void wakersAreClassifiedByTheJdksPollerAndTimerThreadNames() {
        assertThat(WakeupRecorder.classify("Read-Poller", false)).isEqualTo(VirtualThreadWakeupEvent.POLLER);
        assertThat(WakeupRecorder.classify("MasterPoller", false)).isEqualTo(VirtualThreadWakeupEvent.POLLER);
        assertThat(WakeupRecorder.classify("SubPoller-1", true)).isEqualTo(VirtualThreadWakeupEvent.POLLER);
        assertThat(WakeupRecorder.classify("VirtualThread-unparker", false)).isEqualTo(VirtualThreadWakeupEvent.TIMER);
        assertThat(WakeupRecorder.classify("ForkJoinPool-1-worker-1", false)).isEqualTo(VirtualThreadWakeupEvent.THREAD);
        assertThat(WakeupRecorder.classify("SubPoller-1", false)).isEqualTo(VirtualThreadWakeupEvent.THREAD);
    }

    @Test
    void hookClassIsAValidClassFile() {
        assertThat(HookClass.bytes()).startsWith((byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE);
        assertThat(VirtualThreadSliceEvent.PARKED).isEqualTo("parked");
    }

    private static byte[] jdkBytes() throws Exception {
        try (var jrt = FileSystems.newFileSystem(URI.create("jrt:/"), java.util.Map.of());
             InputStream in = Files.newInputStream(jrt.getPath("modules", "java.base", "java", "lang",
                     "VirtualThread.class"))) {
            return in.readAllBytes();
        }
    }

    private static Class<?> virtualThreadClass() {
        try {
            return Class.forName("java.lang.VirtualThread");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
