package dev.loomscope.jfr.analysis;

import java.nio.file.Path;

/**
 * The read of one recording begun before the command line is parsed, taken over by the report or check that asks
 * for the same file: picocli takes 0.2 s of one core to build its model, time the reader spends on the other.
 */
final class EarlyRead {

    /** What the read gathers: all a report needs, or only what {@code check} does. */
    enum Purpose { REPORT, CHECK }

    private static EarlyRead begun;

    private final Path file;
    private final Purpose purpose;
    // The EventAccumulator read, or the RecordingException that stopped the read.
    private final Forked<Object> read;

    private EarlyRead(Path file, Purpose purpose, Forked<Object> read) {
        this.file = file;
        this.purpose = purpose;
        this.read = read;
    }

    /** Begins reading {@code file} for {@code purpose} on a thread of its own. */
    static synchronized void begin(Path file, Purpose purpose) {
        stop();
        begun = new EarlyRead(file, purpose, Forked.start(() -> {
            try {
                return RecordingAnalyzer.readAlone(file, purpose);
            } catch (RecordingException e) {
                return e;
            }
        }));
    }

    /**
     * What the early read of {@code file} for {@code purpose} gathered, once done; null when none was begun for them
     * ({@code file} null asks for none), and any other is stopped.
     *
     * @throws RecordingException as reading the file now would
     */
    static synchronized EventAccumulator take(Path file, Purpose purpose) throws RecordingException {
        EarlyRead early = begun;
        if (early == null || !early.file.equals(file) || early.purpose != purpose) {
            stop();
            return null;
        }
        begun = null;
        Object result = early.read.join();
        if (result instanceof RecordingException e) {
            throw e;
        }
        return (EventAccumulator) result;
    }

    private static void stop() {
        if (begun != null) {
            // Interrupted, its reader stops at the next chunk and its result is dropped.
            begun.read.interrupt();
            begun = null;
        }
    }
}
