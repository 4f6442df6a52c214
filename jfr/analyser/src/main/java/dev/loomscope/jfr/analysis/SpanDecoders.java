package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.loomscope.jfr.event.CarrierSpanEvent;
import dev.loomscope.jfr.event.ClientCallEvent;
import dev.loomscope.jfr.event.ServerRequestEvent;
import dev.loomscope.jfr.read.EventFields;
import dev.loomscope.jfr.read.FieldDecoder;

/**
 * The field-by-field decoders of {@link SpanAccumulator}'s requests and calls, for the layout today's server writes:
 * they gather into the stores given what the accumulator's handlers gather from any layout.
 */
final class SpanDecoders {

    private final Names carriers;
    private final RequestSpans requests;
    private final CallSpans calls;
    private final DurationCounts requestLatency;
    private final DurationCounts callLatency;

    SpanDecoders(Names carriers, RequestSpans requests, CallSpans calls, DurationCounts requestLatency,
                 DurationCounts callLatency) {
        this.carriers = carriers;
        this.requests = requests;
        this.calls = calls;
        this.requestLatency = requestLatency;
        this.callLatency = callLatency;
    }

    /** A decoder per event type name. */
    Map<String, FieldDecoder> byType() {
        return Map.of(ServerRequestEvent.NAME, new RequestDecoder(), ClientCallEvent.NAME, new CallDecoder());
    }

    private static FieldDecoder.Field field(String name, FieldDecoder.Kind kind) {
        return new FieldDecoder.Field(name, kind);
    }

    private static final List<FieldDecoder.Field> CARRIER_SPAN_FIELDS = List.of(
            field(CarrierSpanEvent.REQUEST_ID, FieldDecoder.Kind.LONG),
            field(CarrierSpanEvent.THREAD_ID, FieldDecoder.Kind.LONG),
            field(CarrierSpanEvent.VIRTUAL, FieldDecoder.Kind.BOOLEAN),
            field(CarrierSpanEvent.START_CARRIER, FieldDecoder.Kind.STRING),
            field(CarrierSpanEvent.END_CARRIER, FieldDecoder.Kind.STRING));
    private static final List<FieldDecoder.Field> REQUEST_FIELDS = spanFields(
            field("method", FieldDecoder.Kind.STRING), field(ServerRequestEvent.PATH, FieldDecoder.Kind.STRING),
            field(ServerRequestEvent.STATUS, FieldDecoder.Kind.INT),
            field(ServerRequestEvent.PROTOCOL, FieldDecoder.Kind.STRING),
            field(ServerRequestEvent.STREAM_ID, FieldDecoder.Kind.INT),
            field(ServerRequestEvent.CONNECTION, FieldDecoder.Kind.STRING));
    private static final List<FieldDecoder.Field> CALL_FIELDS = spanFields(
            field(ClientCallEvent.HANDLER_THREAD_ID, FieldDecoder.Kind.LONG),
            field("method", FieldDecoder.Kind.STRING), field("uri", FieldDecoder.Kind.STRING),
            field(ClientCallEvent.STATUS, FieldDecoder.Kind.INT),
            field(ClientCallEvent.OUTCOME, FieldDecoder.Kind.STRING),
            field("responseBytes", FieldDecoder.Kind.LONG));

    /** The JDK's fields, then the type's own {@code fields}, then those of CarrierSpanEvent. */
    private static List<FieldDecoder.Field> spanFields(FieldDecoder.Field... own) {
        List<FieldDecoder.Field> all = new ArrayList<>(own.length + CARRIER_SPAN_FIELDS.size());
        all.addAll(List.of(own));
        all.addAll(CARRIER_SPAN_FIELDS);
        return JdkEvents.afterEventThreadAndStackTrace(all.toArray(FieldDecoder.Field[]::new));
    }

    private static final int REQUEST_PATH = FieldDecoder.position(REQUEST_FIELDS, ServerRequestEvent.PATH);
    private static final int REQUEST_PROTOCOL = FieldDecoder.position(REQUEST_FIELDS, ServerRequestEvent.PROTOCOL);
    private static final int REQUEST_CONNECTION = FieldDecoder.position(REQUEST_FIELDS, ServerRequestEvent.CONNECTION);
    private static final int CALL_OUTCOME = FieldDecoder.position(CALL_FIELDS, ClientCallEvent.OUTCOME);

    /** The fields of CarrierSpanEvent, which come last, as read from one event at a time. */
    private final class CarrierSpanTail {

        private final int startCarrierField;
        long requestId;
        long threadId;
        boolean virtual;
        int startCarrier;
        int endCarrier;

        CarrierSpanTail(List<FieldDecoder.Field> fields) {
            this.startCarrierField = FieldDecoder.position(fields, CarrierSpanEvent.START_CARRIER);
        }

        /** Reads them; a span without a thread id is its event thread's, whose pool key is {@code eventThread}. */
        void read(EventFields in, long eventThread) {
            requestId = in.nextLong();
            long id = in.nextLong();
            virtual = in.nextBoolean();
            startCarrier = carriers.index(SpanStore.text(in.nextString(startCarrierField)));
            endCarrier = carriers.index(SpanStore.text(in.nextString(startCarrierField + 1)));
            threadId = id != 0 ? id : SpanStore.javaThreadId(in.thread(eventThread));
        }
    }

    /** What SpanAccumulator's request handler gathers, read field by field. */
    private final class RequestDecoder implements FieldDecoder {

        private final CarrierSpanTail tail = new CarrierSpanTail(REQUEST_FIELDS);

        @Override
        public List<Field> fields() {
            return REQUEST_FIELDS;
        }

        @Override
        public void decode(long startNanos, long endNanos, EventFields in) {
            long eventThread = in.nextLong();
            in.nextLong();
            in.skipString();
            String path = in.nextString(REQUEST_PATH);
            int status = in.nextInt();
            String protocol = in.nextString(REQUEST_PROTOCOL);
            int streamId = in.nextInt();
            String connection = in.nextString(REQUEST_CONNECTION);
            tail.read(in, eventThread);
            requests.add(startNanos, endNanos, tail.threadId, tail.virtual, tail.startCarrier, tail.endCarrier,
                         tail.requestId, path, status, protocol, streamId, connection);
            requestLatency.record(endNanos - startNanos);
        }
    }

    /** What SpanAccumulator's call handler gathers, read field by field. */
    private final class CallDecoder implements FieldDecoder {

        private final CarrierSpanTail tail = new CarrierSpanTail(CALL_FIELDS);

        @Override
        public List<Field> fields() {
            return CALL_FIELDS;
        }

        @Override
        public void decode(long startNanos, long endNanos, EventFields in) {
            long eventThread = in.nextLong();
            in.nextLong();
            long handlerThreadId = in.nextLong();
            in.skipString();
            in.skipString();
            in.nextInt();
            String outcome = in.nextString(CALL_OUTCOME);
            in.nextLong();
            tail.read(in, eventThread);
            calls.add(startNanos, endNanos, tail.threadId, tail.virtual, tail.startCarrier, tail.endCarrier,
                      handlerThreadId, tail.requestId, outcome);
            callLatency.record(endNanos - startNanos);
        }
    }
}
