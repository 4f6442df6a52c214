package dev.loomscope.jfr.analysis;

import java.util.ArrayList;
import java.util.List;

import dev.loomscope.jfr.read.FieldDecoder;

/** Names of the JDK's event types and common fields the analysis reads. */
final class JdkEvents {

    static final String VIRTUAL_THREAD_START = "jdk.VirtualThreadStart";
    static final String VIRTUAL_THREAD_END = "jdk.VirtualThreadEnd";
    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";
    static final String VIRTUAL_THREAD_SUBMIT_FAILED = "jdk.VirtualThreadSubmitFailed";
    static final String EVENT_THREAD = "eventThread";
    static final String STACK_TRACE = "stackTrace";

    private JdkEvents() {
    }

    /**
     * A decoder's fields of an event type with a thread and a stack trace: the JDK's {@code eventThread} and
     * {@code stackTrace}, which come first after the times, then {@code own}.
     */
    static List<FieldDecoder.Field> afterEventThreadAndStackTrace(FieldDecoder.Field... own) {
        List<FieldDecoder.Field> all = new ArrayList<>(List.of(
                new FieldDecoder.Field(EVENT_THREAD, FieldDecoder.Kind.THREAD),
                new FieldDecoder.Field(STACK_TRACE, FieldDecoder.Kind.REFERENCE)));
        all.addAll(List.of(own));
        return List.copyOf(all);
    }
}
