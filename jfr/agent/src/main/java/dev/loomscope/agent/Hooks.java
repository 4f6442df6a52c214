package dev.loomscope.agent;

import java.lang.reflect.Field;

/**
 * The agent's handle on the generated {@code java.lang.LoomscopeRecorderHooks}: sets its recorder fields, and
 * clears all of them at once when a recorder fails, so the JDK's code goes on with the hooks doing nothing.
 */
final class Hooks {

    private final Class<?> hookClass;
    private final RecorderStatus status;

    Hooks(Class<?> hookClass, RecorderStatus status) {
        this.hookClass = hookClass;
        this.status = status;
    }

    void set(String field, Object recorder) throws ReflectiveOperationException {
        hookClass.getField(field).set(null, recorder);
    }

    /** Called from inside a failing recorder: never throws, logs one line, marks the recording off. */
    void disable(Throwable cause) {
        for (String name : new String[] {HookClass.SLICE_START, HookClass.SLICE_END, HookClass.WAKEUP, HookClass.TIMER}) {
            try {
                Field field = hookClass.getField(name);
                field.set(null, null);
            } catch (Throwable ignored) {
                // nothing more can be done from inside the scheduler; the status below says the recorder is off
            }
        }
        status.off("recorder failed and turned itself off: " + cause);
    }
}
