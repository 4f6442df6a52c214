package dev.loomscope.agent;

import java.util.function.ObjIntConsumer;

/**
 * Remembers, per platform thread, which virtual thread's timeout it is running ({@code parkTimeoutExpired},
 * {@code waitTimeoutExpired}, JDK 22+), so a wake-up submitted from inside one counts as a timer's.
 *
 * <p>Only timeout tasks set the mark; other wake-ups only read it.
 */
final class TimerMarks implements ObjIntConsumer<Object> {

    private final ThreadLocal<Object> firingFor = new ThreadLocal<>();
    private final Hooks hooks;

    TimerMarks(Hooks hooks) {
        this.hooks = hooks;
    }

    @Override
    public void accept(Object virtualThread, int firing) {
        try {
            if (firing == 1) {
                firingFor.set(virtualThread);
            } else {
                firingFor.remove();
            }
        } catch (Throwable t) {
            hooks.disable(t);
        }
    }

    boolean isFiringFor(Object virtualThread) {
        return firingFor.get() == virtualThread;
    }
}
