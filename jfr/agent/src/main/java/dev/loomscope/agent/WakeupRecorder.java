package dev.loomscope.agent;

import java.util.function.ObjIntConsumer;

import dev.loomscope.jfr.event.VirtualThreadWakeupEvent;

/**
 * Commits a {@link VirtualThreadWakeupEvent} on the thread that hands a virtual thread's run task to the scheduler,
 * with what woke it.
 *
 * <p>The source comes from the virtual thread's state (STARTED, YIELDED), else from the waker: the JDK's pollers by
 * thread name, a timer by name on JDK 21 ({@code VirtualThread-unparker}) or, on JDK 22+, where timeouts run on the
 * scheduler's own workers, by the mark {@link TimerMarks} sets around the JDK's timeout methods.
 */
final class WakeupRecorder implements ObjIntConsumer<Object> {

    private final VirtualThreadInternals internals;
    private final TimerMarks timers;
    private final Hooks hooks;

    WakeupRecorder(VirtualThreadInternals internals, TimerMarks timers, Hooks hooks) {
        this.internals = internals;
        this.timers = timers;
        this.hooks = hooks;
    }

    @Override
    public void accept(Object virtualThread, int state) {
        try {
            VirtualThreadWakeupEvent wakeup = new VirtualThreadWakeupEvent();
            if (!wakeup.isEnabled()) {
                return;
            }
            wakeup.virtualThread = (Thread) virtualThread;
            wakeup.source = source(virtualThread, state);
            wakeup.commit();
        } catch (Throwable t) {
            hooks.disable(t);
        }
    }

    private String source(Object virtualThread, int state) {
        if (internals.isStarted(state)) {
            return VirtualThreadWakeupEvent.START;
        }
        if (internals.isYielded(state)) {
            return VirtualThreadWakeupEvent.YIELD;
        }
        Thread waker = Thread.currentThread();
        if (!waker.isVirtual() && timers.isFiringFor(virtualThread)) {
            return VirtualThreadWakeupEvent.TIMER;
        }
        return classify(waker.getName(), waker.isVirtual());
    }

    /** Source by the waker's name: JDK 21 pollers are platform Read-Poller/Write-Poller, 22+ MasterPoller/SubPoller-N. */
    static String classify(String wakerName, boolean wakerVirtual) {
        if (wakerVirtual) {
            return wakerName.startsWith("SubPoller-") ? VirtualThreadWakeupEvent.POLLER : VirtualThreadWakeupEvent.THREAD;
        }
        return switch (wakerName) {
            case "Read-Poller", "Write-Poller", "MasterPoller" -> VirtualThreadWakeupEvent.POLLER;
            case "VirtualThread-unparker" -> VirtualThreadWakeupEvent.TIMER;
            default -> VirtualThreadWakeupEvent.THREAD;
        };
    }
}
