package dev.loomscope.agent;

import java.util.function.Function;
import java.util.function.ObjIntConsumer;

import dev.loomscope.jfr.event.VirtualThreadSliceEvent;

/**
 * Begins a {@link VirtualThreadSliceEvent} just before a virtual thread mounts and commits it just after it
 * unmounts, both on the carrier, so the event thread is the carrier.
 *
 * <p>Hot path: one event object per carrier, begun again for each slice, and nothing else; the end kind is a shared
 * constant string. A carrier runs one slice at a time and both hooks run on it, so its event is never in two slices.
 * Why not a new event per slice: on this machine's AVX-512 CPU (HotSpot's default {@code -XX:UseAVX=3}) a new one
 * per slice made the first SSE instruction of HotSpot's continuation thaw, run at the next mount, take 9% of the
 * carrier's samples in it/bench/Handoff.java, against under 1% with the recorder off, with one event per carrier, or
 * with {@code -XX:UseAVX=2} or {@code -XX:MaxVectorSize=16}: the stall of SSE code after wide vector code that left
 * the registers' upper halves dirty, here, it seems, the JIT's zeroing of the new object (docs/recorder-cost.md).
 */
final class SliceRecorder implements Function<Object, Object>, ObjIntConsumer<Object> {

    private final VirtualThreadInternals internals;
    private final Hooks hooks;
    private final ThreadLocal<VirtualThreadSliceEvent> carrierEvent =
            ThreadLocal.withInitial(VirtualThreadSliceEvent::new);

    SliceRecorder(VirtualThreadInternals internals, Hooks hooks) {
        this.internals = internals;
        this.hooks = hooks;
    }

    /** Before mount: returns the begun slice, or null when no recording wants slices. */
    @Override
    public Object apply(Object virtualThread) {
        try {
            VirtualThreadSliceEvent slice = carrierEvent.get();
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
