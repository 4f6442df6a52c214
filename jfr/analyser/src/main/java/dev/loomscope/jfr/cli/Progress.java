package dev.loomscope.jfr.cli;

import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import dev.loomscope.jfr.analysis.AnalysisSteps;

/**
 * One line on stderr per step of long work ("reading 217 MB...", "rendering html..."), shown only when stderr is a
 * terminal or the recordings are big: scripts that read stderr of small files see nothing new, and stdout (JSON,
 * text) never gets a line of it.
 */
final class Progress {

    /** From this many bytes of recordings (50 MB; {@code -Dloomscope.jfr.progressFromBytes}) a report takes seconds. */
    private static final String BIG_BYTES = "loomscope.jfr.progressFromBytes";

    private final PrintWriter err;
    private final String prefix;
    private final boolean shown;
    private final long startNanos = System.nanoTime();

    private Progress(PrintWriter err, String prefix, boolean shown) {
        this.err = err;
        this.prefix = prefix;
        this.shown = shown;
    }

    /** Progress of {@code command} on {@code files}, shown when stderr is a terminal or they are big. */
    static Progress of(PrintWriter err, String command, List<Path> files) {
        long big = Long.getLong(BIG_BYTES, 50L << 20);
        return new Progress(err, command + ": ", bytes(files) >= big || terminal());
    }

    /** Says the step that starts now, with the time since the first. */
    void step(String what) {
        if (shown) {
            err.printf(Locale.ROOT, "%s%s (%.1f s)%n", prefix, what, (System.nanoTime() - startNanos) / 1e9);
            err.flush();
        }
    }

    /** Steps that say "reading x.jfr (216 MB)..." and "analysing x.jfr..." for each recording. */
    AnalysisSteps analysisSteps() {
        return new AnalysisSteps() {
            @Override
            public void reading(Path file) {
                step("reading " + file.getFileName() + " (" + size(List.of(file)) + ")...");
            }

            @Override
            public void analysing(Path file) {
                step("analysing " + file.getFileName() + "...");
            }
        };
    }

    /** The recordings' size in MB, as said in the first step. */
    static String size(List<Path> files) {
        return String.format(Locale.ROOT, "%,.0f MB", bytes(files) / 1048576.0);
    }

    /** The bytes of the recordings, a directory's files included. */
    static long bytes(List<Path> files) {
        long total = 0;
        for (Path file : files) {
            try (Stream<Path> all = Files.isDirectory(file) ? Files.list(file) : Stream.of(file)) {
                for (Path each : (Iterable<Path>) all::iterator) {
                    total += Files.isRegularFile(each) ? Files.size(each) : 0;
                }
            } catch (IOException e) {
                // Missing or unreadable: the reader names it; no progress for it.
            }
        }
        return total;
    }

    /**
     * Whether stderr goes to a terminal: on JDK 22+ {@code System.console()} exists when redirected too and
     * {@code Console.isTerminal()} tells; on JDK 21 a console exists only on a terminal.
     */
    private static boolean terminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }
}
