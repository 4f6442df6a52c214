package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of a {@code jdk.VirtualThreadPinned} event. */
final class PinnedFields extends FieldLayout {

    int stackTrace;
    int carrierThread;
    int pinnedReason;
    int blockingOperation;
    int eventThread;

    @Override
    void find(JfrEvent event) {
        stackTrace = event.field(JdkEvents.STACK_TRACE);
        carrierThread = event.field("carrierThread");
        pinnedReason = event.field("pinnedReason");
        blockingOperation = event.field("blockingOperation");
        eventThread = event.field(JdkEvents.EVENT_THREAD);
    }
}
