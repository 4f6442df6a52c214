package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of a {@code jdk.VirtualThreadStart} or {@code jdk.VirtualThreadEnd} event. */
final class LifecycleFields extends FieldLayout {

    int javaThreadId;
    int eventThread;

    @Override
    void find(JfrEvent event) {
        javaThreadId = event.field("javaThreadId");
        eventThread = event.field(JdkEvents.EVENT_THREAD);
    }
}
