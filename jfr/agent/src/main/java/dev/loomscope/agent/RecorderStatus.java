package dev.loomscope.agent;

import dev.loomscope.jfr.event.RecorderStatusEvent;
import jdk.jfr.FlightRecorder;

/**
 * Whether the recorder is on, and why not when it is off: logged once to stderr when it goes off, and committed
 * as {@code loomscope.RecorderStatus} in every chunk of every recording.
 */
final class RecorderStatus implements Runnable {

    private volatile String state = RecorderStatusEvent.OFF;
    private volatile String reason = "not installed yet";
    private volatile boolean warned;

    /** Registers the periodic event; after this every recording chunk says what the recorder does. */
    void register() {
        FlightRecorder.addPeriodicEvent(RecorderStatusEvent.class, this);
    }

    void on(String what) {
        reason = what;
        state = RecorderStatusEvent.ON;
    }

    /** Turns the status off with its reason and prints the one warning line, the first time only. */
    void off(String why) {
        reason = why;
        state = RecorderStatusEvent.OFF;
        if (!warned) {
            warned = true;
            System.err.println("loomscope-agent: warning: recorder off, the application runs without it: " + why);
        }
    }

    /** Prints one warning line while the recorder stays on. */
    void warn(String what) {
        System.err.println("loomscope-agent: warning: " + what);
    }

    boolean isOn() {
        return RecorderStatusEvent.ON.equals(state);
    }

    String reason() {
        return reason;
    }

    @Override
    public void run() {
        RecorderStatusEvent event = new RecorderStatusEvent();
        event.state = state;
        event.reason = reason;
        event.javaVersion = System.getProperty("java.runtime.version");
        event.commit();
    }
}
