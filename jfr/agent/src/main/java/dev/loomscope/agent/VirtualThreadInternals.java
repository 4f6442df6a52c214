package dev.loomscope.agent;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.Optional;

import dev.loomscope.jfr.event.VirtualThreadSliceEvent;

/**
 * What the recorder needs from {@code java.lang.VirtualThread}, checked by name before anything is changed.
 *
 * <p>Read in the JDK 21 (jdk21u) and JDK 25 sources: {@code runContinuation()} mounts with {@code mount()} and
 * unmounts with {@code unmount()} on the carrier; the {@code state} field then still holds the transition the
 * virtual thread started (PARKING, YIELDING, ...), or RUNNING when its task is done. The constants' values are
 * read from the running JDK rather than copied.
 */
final class VirtualThreadInternals {

    /** Test hook: names another method instead of runContinuation, to exercise the "internals differ" path. */
    static final String RUN_METHOD_PROPERTY = "loomscope.agent.test.runMethod";

    static final String CLASS_NAME = "java.lang.VirtualThread";
    static final String STATE_FIELD = "state";
    static final String MOUNT = "mount";
    static final String UNMOUNT = "unmount";

    // RUNNING after unmount means the continuation is done: runContinuation calls afterDone next.
    private static final Map<String, String> END_BY_STATE = Map.of(
            "PARKING", VirtualThreadSliceEvent.PARKED,
            "TIMED_PARKING", VirtualThreadSliceEvent.PARKED,
            "YIELDING", VirtualThreadSliceEvent.YIELDED,
            "BLOCKING", VirtualThreadSliceEvent.BLOCKED,
            "WAITING", VirtualThreadSliceEvent.WAITING,
            "TIMED_WAITING", VirtualThreadSliceEvent.WAITING,
            "RUNNING", VirtualThreadSliceEvent.TERMINATED);

    private final String runMethod;
    private final String[] endByState;
    private final int startedState;
    private final int yieldedState;

    private VirtualThreadInternals(String runMethod, String[] endByState, int startedState, int yieldedState) {
        this.runMethod = runMethod;
        this.endByState = endByState;
        this.startedState = startedState;
        this.yieldedState = yieldedState;
    }

    /** The internals of {@code virtualThread}, or why the recorder cannot use them. */
    static Result inspect(Class<?> virtualThread, String runMethod) {
        try {
            virtualThread.getDeclaredMethod(runMethod);
            virtualThread.getDeclaredMethod(MOUNT);
            virtualThread.getDeclaredMethod(UNMOUNT);
        } catch (NoSuchMethodException e) {
            return Result.problem("VirtualThread." + e.getMessage().replaceFirst("^.*\\.", "") + " not found");
        }
        Field state;
        try {
            state = virtualThread.getDeclaredField(STATE_FIELD);
        } catch (NoSuchFieldException e) {
            return Result.problem("VirtualThread.state not found");
        }
        if (state.getType() != int.class || Modifier.isStatic(state.getModifiers())) {
            return Result.problem("VirtualThread.state is not an int instance field");
        }
        String[] endByState = new String[256];
        java.util.Arrays.fill(endByState, VirtualThreadSliceEvent.UNKNOWN);
        for (Map.Entry<String, String> entry : END_BY_STATE.entrySet()) {
            constant(virtualThread, entry.getKey()).ifPresent(value -> endByState[value & 0xFF] = entry.getValue());
        }
        Optional<Integer> running = constant(virtualThread, "RUNNING");
        Optional<Integer> parking = constant(virtualThread, "PARKING");
        Optional<Integer> started = constant(virtualThread, "STARTED");
        Optional<Integer> yielded = constant(virtualThread, "YIELDED");
        if (running.isEmpty() || parking.isEmpty() || started.isEmpty() || yielded.isEmpty()) {
            return Result.problem("VirtualThread state constants RUNNING, PARKING, STARTED, YIELDED not all found");
        }
        return new Result(new VirtualThreadInternals(runMethod, endByState, started.get(), yielded.get()), null);
    }

    private static Optional<Integer> constant(Class<?> type, String name) {
        try {
            Field field = type.getDeclaredField(name);
            if (field.getType() != int.class || !Modifier.isStatic(field.getModifiers())) {
                return Optional.empty();
            }
            field.setAccessible(true);
            return Optional.of(field.getInt(null));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    String runMethod() {
        return runMethod;
    }

    /** How a slice ended, from the state right after unmount; the suspended bit is ignored. */
    String endOf(int state) {
        return endByState[state & 0xFF];
    }

    boolean isStarted(int state) {
        return (state & 0xFF) == startedState;
    }

    boolean isYielded(int state) {
        return (state & 0xFF) == yieldedState;
    }

    /** Either internals the recorder can use or the reason it cannot. */
    record Result(VirtualThreadInternals internals, String problem) {
        static Result problem(String problem) {
            return new Result(null, problem);
        }
    }
}
