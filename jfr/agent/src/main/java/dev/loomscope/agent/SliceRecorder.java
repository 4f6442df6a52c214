package dev.loomscope.agent;

import java.util.function.Function;
import java.util.function.ObjIntConsumer;

import dev.loomscope.jfr.event.VirtualThreadSliceEvent;

/**
 * Begins a {@link VirtualThreadSliceEvent} just before a virtual thread mounts and commits it just after it
 * unmounts, both on the carrier, so the event thread is the carrier.
 *
 * <p>Hot path: one event object per slice and nothing else; the end kind is a shared constant string.
 */
final class SliceRecorder implements Function<Object, Object>, ObjIntConsumer<Object> {

    private final VirtualThreadInternals internals;
    private final Hooks hooks;

    SliceRecorder(VirtualThreadInternals internals, Hooks hooks) {
        this.internals = internals;
        this.hooks = hooks;
    }

    /** Before mount: returns the begun slice, or null when no recording wants slices. */
    @Override
    public Object apply(Object virtualThread) {
        try {
            VirtualThreadSliceEvent slice = new VirtualThreadSliceEvent();
            if (!slice.isEnabled()) {
                return null;
            }
            slice.virtualThread = (Thread) virtualThread;
            slice.begin();
            return slice;
        } catch (Throwable t) {
            hooks.disable(t);
            return null;
        }
    }

    /** After unmount: ends the slice with how it ended; the threshold decides whether it is kept. */
    @Override
    public void accept(Object begun, int stateAfterUnmount) {
        try {
            VirtualThreadSliceEvent slice = (VirtualThreadSliceEvent) begun;
            slice.end();
            if (slice.shouldCommit()) {
                slice.end = internals.endOf(stateAfterUnmount);
                slice.commit();
            }
        } catch (Throwable t) {
            hooks.disable(t);
        }
    }
}
