package dev.loomscope.jfr.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.loomscope.jfr.event.CarrierSpanEvent;
import dev.loomscope.jfr.read.JfrEvent;
import dev.loomscope.jfr.read.JfrFrame;
import dev.loomscope.jfr.read.JfrThread;

class CarrierSpanFieldsTest {

    /** An event whose start carrier is a pooled string: {@code key} in {@code layout}'s chunk, or inline (-1). */
    private record Span(Object layout, long key, String carrier) implements JfrEvent {
        private static final Map<String, Integer> FIELDS = Map.of(CarrierSpanEvent.START_CARRIER, 0);

        @Override
        public long stringKey(int field) {
            return key;
        }

        @Override
        public String getString(int field) {
            return carrier;
        }

        @Override
        public int field(String name) {
            return FIELDS.getOrDefault(name, -1);
        }

        @Override
        public String typeName() {
            return "loomscope.ServerRequest";
        }

        @Override
        public long startNanos() {
            return 0;
        }

        @Override
        public long endNanos() {
            return 0;
        }

        @Override
        public long getLong(int field) {
            return 0;
        }

        @Override
        public JfrThread getThread(int field) {
            return null;
        }

        @Override
        public boolean threadNameStartsWith(int field, String prefix) {
            return false;
        }

        @Override
        public List<JfrFrame> getStackTrace(int field) {
            return null;
        }

        @Override
        public String typeNameOf(long typeId) {
            return null;
        }
    }

    private static int carrier(RequestFields fields, Span span, Names carriers) {
        fields.update(span);
        return fields.carrier(span, fields.startCarrier, carriers);
    }

    /** Could fail if a key kept naming its first chunk's carrier in the next chunk, or inline names were cached. */
    @Test
    void aPooledCarrierNameIsLookedUpOncePerKeyAndChunkAndAnInlineOneEveryTime() {
        Names carriers = new Names(Integer.MAX_VALUE);
        RequestFields fields = new RequestFields();
        Object chunk1 = new Object();
        Object chunk2 = new Object();

        int worker1 = carrier(fields, new Span(chunk1, 7, "ForkJoinPool-1-worker-1"), carriers);
        // The same key in the same chunk names the same string: the name given is not read again.
        assertThat(carrier(fields, new Span(chunk1, 7, "not read"), carriers)).isEqualTo(worker1);
        // In another chunk key 7 may name another string.
        int worker2 = carrier(fields, new Span(chunk2, 7, "ForkJoinPool-1-worker-2"), carriers);
        assertThat(worker2).isEqualTo(carriers.index("ForkJoinPool-1-worker-2")).isNotEqualTo(worker1);
        assertThat(carrier(fields, new Span(chunk2, 7 + 64, "ForkJoinPool-1-worker-1"), carriers))
                .as("another key").isEqualTo(worker1);
        assertThat(carrier(fields, new Span(chunk2, 7, "ForkJoinPool-1-worker-2"), carriers)).isEqualTo(worker2);
        assertThat(carrier(fields, new Span(chunk2, -1, "inline"), carriers)).isEqualTo(carriers.index("inline"));
        assertThat(carrier(fields, new Span(chunk2, -1, null), carriers)).isEqualTo(carriers.index(""));
        assertThat(carriers.size()).isEqualTo(4); // worker-1, worker-2, inline, ""
    }
}
