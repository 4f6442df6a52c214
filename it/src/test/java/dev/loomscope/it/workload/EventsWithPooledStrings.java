package dev.loomscope.it.workload;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * Virtual threads that commit JFR events of their own with strings the JDK pools, as an application's events with
 * a path or a message do: JFR writes a string it sees twice in a row into its pool, under the pool's monitor, in
 * the middle of the event, and 200 threads contend for it. They sleep now and then, so that the carriers commit
 * the recorder's slices between their events. Runs for the milliseconds given (default 3000), then prints how many
 * events it committed.
 */
public final class EventsWithPooledStrings {

    /** The event's type name. */
    public static final String TYPE = "workload.Text";
    private static final int THREADS = 200;

    private EventsWithPooledStrings() {
    }

    @Name(TYPE)
    @Label("Text")
    @StackTrace(false)
    static final class TextEvent extends Event {
        @Label("Text")
        String text;
    }

    public static void main(String[] args) throws Exception {
        long millis = args.length > 0 ? Long.parseLong(args[0]) : 3000;
        long end = System.nanoTime() + millis * 1_000_000;
        LongAdder committed = new LongAdder();
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                executor.submit(() -> {
                    for (long n = 0; System.nanoTime() < end; n++) {
                        // Longer than 16 chars, so that the JDK pools it when it sees it again.
                        String text = "text of thread " + thread + " number " + n;
                        for (int k = 0; k < 2; k++) {
                            TextEvent event = new TextEvent();
                            event.text = text;
                            event.commit();
                            committed.increment();
                        }
                        if (n % 16 == 0) {
                            Thread.sleep(0, 1000);
                        }
                    }
                    return null;
                });
            }
        }
        System.out.println(committed.sum());
    }
}
