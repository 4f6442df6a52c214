package dev.loomscope.jfr.read;

import java.util.List;

/**
 * Reads the fields of one event type straight from a chunk's bytes, in the order the type declares them: for the
 * types of millions of events, where storing every field and looking each up again by index costs more than the
 * work done with them.
 *
 * <p>Loomscope's reader uses it for a chunk that declares the type with exactly {@link #fields()}; for any other
 * layout of the type, and in the JDK's reader, the type's {@code Consumer<JfrEvent>} handler reads the events
 * instead, so both must gather the same.
 */
public interface FieldDecoder {

    /** The type's fields after {@code startTime} and {@code duration}, in their declared order. */
    List<Field> fields();

    /** Reads one event's fields from {@code in}, in the order of {@link #fields()}, every one of them. */
    void decode(long startNanos, long endNanos, EventFields in);

    /**
     * The position of the field named {@code name} in {@code fields}, counting startTime and duration before them,
     * as {@link EventFields#nextString} takes it.
     */
    static int position(List<Field> fields, String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i + 2;
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + fields);
    }

    /** A field as a decoder expects it: its name and how its value is written. */
    record Field(String name, Kind kind) {

        /** Whether the field at {@code index} of {@code type}, decoded as {@code layoutKind}, is this one. */
        boolean matches(JfrType type, int index, int layoutKind, Metadata metadata) {
            JfrType.Field field = type.fields().get(index);
            if (!field.name().equals(name)) {
                return false;
            }
            return switch (kind) {
                case LONG -> layoutKind == EventLayout.LONG;
                case INT -> layoutKind == EventLayout.INT;
                case BOOLEAN -> layoutKind == EventLayout.BOOLEAN;
                case STRING -> layoutKind == EventLayout.STRING;
                case THREAD -> layoutKind == EventLayout.REFERENCE
                        && "java.lang.Thread".equals(metadata.type(field.typeId()).name());
                case REFERENCE -> layoutKind == EventLayout.REFERENCE;
            };
        }
    }

    /** How a field's value is written, as far as a decoder tells them apart. */
    enum Kind {
        LONG, INT, BOOLEAN,
        /** Inline or a constant-pool reference. */
        STRING,
        /** A constant-pool reference to a thread. */
        THREAD,
        /** A constant-pool reference of another type, such as a stack trace. */
        REFERENCE
    }
}
