package dev.loomscope.jfr.analysis;

import dev.loomscope.jfr.read.JfrEvent;

/** Field indexes of loomscope.VirtualThreadSlice and loomscope.VirtualThreadWakeup. */
final class SliceFields extends FieldLayout {

    int eventThread;
    int virtualThread;
    int end;
    int source;

    @Override
    void find(JfrEvent event) {
        eventThread = event.field(JdkEvents.EVENT_THREAD);
        virtualThread = event.field("virtualThread");
        end = event.field("end");
        source = event.field("source");
    }
}
