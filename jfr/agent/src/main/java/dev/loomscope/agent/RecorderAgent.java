package dev.loomscope.agent;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;

import dev.loomscope.jfr.event.RecorderStatusEvent;
import dev.loomscope.jfr.event.VirtualThreadSliceEvent;
import dev.loomscope.jfr.event.VirtualThreadWakeupEvent;

/**
 * The loomscope recorder: instruments {@code java.lang.VirtualThread} so that every slice a virtual thread runs on
 * a carrier, and every wake-up, becomes a JFR event.
 *
 * <p>Starts with {@code -javaagent:loomscope-agent.jar}, or by itself from a jar whose manifest names it as
 * {@code Launcher-Agent-Class}. It prints nothing when all goes well; when the JDK's internals are not the ones it
 * knows it prints one warning line, changes nothing, and recordings say {@code loomscope.RecorderStatus: off}.
 */
public final class RecorderAgent {

    private RecorderAgent() {
    }

    /** Entry point for {@code -javaagent}. */
    public static void premain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    /** Entry point for {@code Launcher-Agent-Class} and attach. */
    public static void agentmain(String arguments, Instrumentation instrumentation) {
        install(instrumentation);
    }

    private static void install(Instrumentation instrumentation) {
        RecorderStatus status = new RecorderStatus();
        try {
            status.register();
            String problem = instrument(instrumentation, status);
            if (problem != null) {
                status.off(problem);
            }
        } catch (Throwable t) {
            status.off("could not install: " + t);
        }
    }

    /** Installs the hooks and rewrites VirtualThread; returns why not, or null when the recorder is on. */
    private static String instrument(Instrumentation instrumentation, RecorderStatus status) throws Exception {
        Class<?> virtualThread = Class.forName(VirtualThreadInternals.CLASS_NAME);
        if (!instrumentation.isRetransformClassesSupported()) {
            return "this JVM cannot retransform classes";
        }
        Module javaBase = Thread.class.getModule();
        Module agent = RecorderAgent.class.getModule();
        // Opening java.lang to this agent alone lets it read VirtualThread's constants and define the hook class
        // there, without --add-opens on the command line and without the warnings other routes print.
        instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(),
                Map.of());
        String runMethod = System.getProperty(VirtualThreadInternals.RUN_METHOD_PROPERTY, "runContinuation");
        VirtualThreadInternals.Result inspected = VirtualThreadInternals.inspect(virtualThread, runMethod);
        if (inspected.problem() != null) {
            return inspected.problem();
        }
        if (hookClassExists()) {
            return "another loomscope agent already instruments this JVM";
        }
        Class<?> hookClass = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                .defineClass(HookClass.bytes());
        preload();
        Hooks hooks = new Hooks(hookClass, status);
        VirtualThreadInternals internals = inspected.internals();
        SliceRecorder slices = new SliceRecorder(internals, hooks);
        TimerMarks timers = new TimerMarks(hooks);
        hooks.set(HookClass.SLICE_START, slices);
        hooks.set(HookClass.SLICE_END, slices);
        hooks.set(HookClass.WAKEUP, new WakeupRecorder(internals, timers, hooks));
        hooks.set(HookClass.TIMER, timers);

        VirtualThreadRewriter rewriter = new VirtualThreadRewriter(runMethod);
        String problem = OneClassTransformer.retransform(instrumentation, virtualThread, rewriter::rewrite);
        if (problem != null) {
            hooks.disable(new IllegalStateException(problem));
            return problem;
        }
        status.on("instrumented " + rewriter.summary() + "; " + repairEventWriter(instrumentation, status));
        return null;
    }

    // Without the repair the recorder still runs, but loses the slices in which a virtual thread committed an event,
    // and on JDK 22+ may write a slice into a virtual thread's unfinished event.
    private static String repairEventWriter(Instrumentation instrumentation, RecorderStatus status) {
        String problem;
        try {
            problem = OneClassTransformer.retransform(instrumentation, Class.forName(EventWriterRepair.CLASS_NAME),
                    EventWriterRepair::rewrite);
        } catch (Throwable t) {
            problem = "could not retransform " + EventWriterRepair.CLASS_NAME + ": " + t;
        }
        if (problem == null) {
            return "EventWriter keeps the carrier's first event after a virtual thread's own, and pins a virtual"
                    + " thread that pools a string in the middle of its event";
        }
        status.warn("slices in which a virtual thread committed a JFR event of its own may be lost: " + problem);
        return "slices may be lost: " + problem;
    }

    private static boolean hookClassExists() {
        try {
            Class.forName(HookClass.NAME, false, null);
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    // Load and initialise the event classes here, not in the middle of a carrier's first mount.
    private static void preload() {
        new VirtualThreadSliceEvent().isEnabled();
        new VirtualThreadWakeupEvent().isEnabled();
        new RecorderStatusEvent().isEnabled();
    }
}
