package dev.loomscope.jfr.read;

import java.util.List;

/**
 * The event being read, handed to a handler and reused for the next one: copy out what you keep.
 *
 * <p>Fields are addressed by index ({@link #field(String)}, -1 when the type lacks the field); indexes hold for
 * every event with the same {@link #layout()}. Loomscope's own reader and the JDK's {@code RecordingFile} (see
 * {@link JdkRecordingReader}) both hand events through this view, so the analysis is the same whichever read.
 */
public interface JfrEvent {

    /** Identifies the field layout: field indexes found for one event hold while this stays the same object. */
    Object layout();

    String typeName();

    /** Start time in nanoseconds since the epoch, converted from ticks exactly as the JDK's parser does. */
    long startNanos();

    long endNanos();

    /** The index of the named field, or -1 when this event type has none. */
    int field(String name);

    /** An integral or boolean field (1 for true) as the JDK reads it; 0 for another kind or index -1. */
    long getLong(int field);

    default boolean getBoolean(int field) {
        return getLong(field) != 0;
    }

    /** A string field, inline or pooled, or a pooled one-field type holding a string; else null. */
    String getString(int field);

    /** A thread field such as {@code eventThread}; null when absent or not recorded. */
    JfrThread getThread(int field);

    /**
     * A key that names the same thread as long as the thread field holds the same key in this recording (the
     * chunk's constant-pool key), or -1 when the reader has none: a handler may then skip {@link #getThread}.
     */
    default long threadKey(int field) {
        return -1;
    }

    /**
     * A key that names the same string as long as the string field holds the same key and the {@link #layout()}
     * stays the same (one chunk): the chunk's constant-pool key of a pooled string; -1 for a string written inline,
     * null or empty, and when the reader has none. A handler may then skip {@link #getString}.
     */
    default long stringKey(int field) {
        return -1;
    }

    /** Whether a thread field names a thread whose Java name starts with {@code prefix}; cheaper than getThread. */
    boolean threadNameStartsWith(int field, String prefix);

    /** The frames of a stack-trace field, top first; null when absent or not recorded. */
    List<JfrFrame> getStackTrace(int field);

    /** The name of the event type with that id (jdk.ActiveSetting refers to types by id); null when unknown. */
    String typeNameOf(long typeId);
}
