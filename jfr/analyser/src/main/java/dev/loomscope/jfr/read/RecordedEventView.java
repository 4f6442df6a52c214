package dev.loomscope.jfr.read;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.EventType;
import jdk.jfr.ValueDescriptor;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;

/** A {@code RecordedEvent} seen as a {@link JfrEvent}, with the values loomscope's own reader gives for it. */
final class RecordedEventView implements JfrEvent {

    private final Map<Long, String> typeNames;
    private final Map<EventType, String[]> fieldNames = new HashMap<>();
    private RecordedEvent event;
    private String[] names;

    RecordedEventView(Map<Long, String> typeNames) {
        this.typeNames = typeNames;
    }

    void show(RecordedEvent next) {
        event = next;
        names = fieldNames.computeIfAbsent(next.getEventType(), type -> type.getFields().stream()
                .map(ValueDescriptor::getName).toArray(String[]::new));
    }

    @Override
    public Object layout() {
        return names;
    }

    @Override
    public String typeName() {
        return event.getEventType().getName();
    }

    @Override
    public long startNanos() {
        return nanos(event.getStartTime());
    }

    @Override
    public long endNanos() {
        return nanos(event.getEndTime());
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    @Override
    public int field(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private Object value(int field) {
        return field < 0 ? null : event.getValue(names[field]);
    }

    @Override
    public long getLong(int field) {
        return switch (value(field)) {
            case Long value -> value;
            case Integer value -> value;
            case Short value -> value;
            case Byte value -> value;
            case Character value -> value;
            case Boolean value -> value ? 1 : 0;
            case null, default -> 0;
        };
    }

    @Override
    public String getString(int field) {
        Object value = value(field);
        if (value instanceof String text) {
            return text;
        }
        // A pooled one-field type that holds a string (a thread state), as the own reader unwraps it.
        if (value instanceof RecordedObject object && !(value instanceof RecordedThread)) {
            List<ValueDescriptor> fields = object.getFields();
            if (fields.size() == 1 && object.getValue(fields.get(0).getName()) instanceof String text) {
                return text;
            }
        }
        return null;
    }

    @Override
    public JfrThread getThread(int field) {
        if (!(value(field) instanceof RecordedThread thread)) {
            return null;
        }
        return new JfrThread(thread.getJavaName(), thread.getOSName(), thread.getJavaThreadId(), thread.isVirtual());
    }

    @Override
    public boolean threadNameStartsWith(int field, String prefix) {
        JfrThread thread = getThread(field);
        return thread != null && thread.javaName() != null && thread.javaName().startsWith(prefix);
    }

    @Override
    public List<JfrFrame> getStackTrace(int field) {
        if (!(value(field) instanceof RecordedStackTrace trace)) {
            return null;
        }
        List<JfrFrame> frames = new ArrayList<>(trace.getFrames().size());
        for (RecordedFrame frame : trace.getFrames()) {
            RecordedMethod method = frame.getMethod();
            String typeName = method == null || method.getType() == null ? null : method.getType().getName();
            frames.add(new JfrFrame(typeName, method == null ? null : method.getName(), frame.getLineNumber(),
                                    frame.getType()));
        }
        return List.copyOf(frames);
    }

    @Override
    public String typeNameOf(long typeId) {
        return typeNames.get(typeId);
    }
}
