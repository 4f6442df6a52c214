package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.event.VirtualThreadSliceEvent;
import dev.loomscope.jfr.event.VirtualThreadWakeupEvent;
import dev.loomscope.jfr.read.EventFields;
import dev.loomscope.jfr.read.FieldDecoder;
import dev.loomscope.jfr.read.JfrEvent;
import dev.loomscope.jfr.read.RecordingReader;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field-by-field decoders of the busiest types match those types as loomscope commits them today, so that a
 * change of an event class cannot quietly send its millions of events down the slower general path; that they
 * gather what the handlers do is {@link ReadersAgreeTest}'s to show.
 */
class FieldDecodersTest {

    private static final int EACH = 3;

    @TempDir
    Path dir;

    @Test
    void everyEventOfTheBusiestTypesAsCommittedTodayIsReadByItsDecoder() throws Exception {
        Path file = dir.resolve("today.jfr");
        try (Recording recording = new Recording()) {
            recording.start();
            commitEach();
            recording.stop();
            recording.dump(file);
        }
        Map<String, Integer> decoded = new HashMap<>();
        Map<String, Integer> handled = new HashMap<>();
        Map<String, FieldDecoder> decoders = new HashMap<>(new SpanAccumulator(true, 16).decoders());
        decoders.putAll(new SliceAccumulator(true).decoders());
        RecordingReader reader = new RecordingReader();
        decoders.forEach((type, decoder) -> {
            Consumer<JfrEvent> handler = event -> handled.merge(type, 1, Integer::sum);
            reader.onEvent(type, handler, counting(decoder, () -> decoded.merge(type, 1, Integer::sum)));
        });
        reader.read(file);

        assertThat(decoded).containsOnly(Map.entry(ServerRequestEvent.NAME, EACH), Map.entry(ClientCallEvent.NAME, EACH),
                                         Map.entry(VirtualThreadSliceEvent.NAME, EACH),
                                         Map.entry(VirtualThreadWakeupEvent.NAME, EACH));
        assertThat(handled).isEmpty();
    }

    /** Events of the four types with every field set, some strings null, one span without a thread id. */
    private static void commitEach() throws InterruptedException {
        AtomicReference<Thread> virtualThread = new AtomicReference<>();
        Thread started = Thread.ofVirtual().start(() -> virtualThread.set(Thread.currentThread()));
        started.join();
        for (int i = 0; i < EACH; i++) {
            ServerRequestEvent request = new ServerRequestEvent();
            request.beginOn(i + 1);
            request.method = "GET";
            request.path = i == 0 ? null : "/hop";
            request.status = 200;
            request.protocol = "HTTP/1.1";
            request.streamId = i;
            request.connection = "0x" + i;
            request.threadId = i == 2 ? 0 : request.threadId;
            request.endAndCommit();
            ClientCallEvent call = new ClientCallEvent();
            call.beginOn(i + 1);
            call.handlerThreadId = Thread.currentThread().threadId();
            call.method = "GET";
            call.uri = "http://127.0.0.1:1/upstream";
            call.status = 200;
            call.outcome = i == 0 ? null : "ok";
            call.responseBytes = 100;
            call.endAndCommit();
            VirtualThreadSliceEvent slice = new VirtualThreadSliceEvent();
            slice.virtualThread = virtualThread.get();
            slice.begin();
            slice.end = VirtualThreadSliceEvent.PARKED;
            slice.commit();
            VirtualThreadWakeupEvent wakeup = new VirtualThreadWakeupEvent();
            wakeup.virtualThread = virtualThread.get();
            wakeup.source = VirtualThreadWakeupEvent.TIMER;
            wakeup.commit();
        }
    }

    private static FieldDecoder counting(FieldDecoder decoder, Runnable count) {
        return new FieldDecoder() {
            @Override
            public List<Field> fields() {
                return decoder.fields();
            }

            @Override
            public void decode(long startNanos, long endNanos, EventFields in) {
                count.run();
                decoder.decode(startNanos, endNanos, in);
            }
        };
    }
}
