package dev.loomscope.jfr.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.loomscope.jfr.analysis.RecordingAnalyzer;

/**
 * Runs {@code report} and {@code check} on large recordings in a JVM with only the C1 compiler
 * ({@code -XX:TieredStopAtLevel=1}, inlining up to 60 bytecodes): the launcher is started with a plain
 * {@code java -jar}, so the flags can only come from here. On a 220 MB recording with slices C2 spent 3 s of CPU
 * compiling code that runs once over millions of events; the relaunch took 19% off report's wall time and 24% off
 * its CPU, and 28% off check's wall time, same-run measurements (docs/analyser-speed.md). Small files skip it: a
 * second JVM costs more than it saves there. {@code -Dloomscope.jfr.c1=false} turns it off. Both flags are HotSpot
 * product flags: run here on JDK 25, read in a JDK 21 tree's {@code c1_globals.hpp}.
 */
final class C1Relaunch {

    /** Recordings from this many bytes on are read by a C1-only JVM. */
    private static final long FROM_BYTES = Long.getLong("loomscope.jfr.c1FromBytes", 100L << 20);
    private static final String DONE = "loomscope.jfr.c1Relaunched";
    /** Set by the build's run that writes the relaunched JVM's class archive (see {@link ClassArchive}). */
    private static final String WRITE_CLASS_ARCHIVE = "loomscope.jfr.writeClassArchive";
    private static final Set<String> COMMANDS = Set.of("report", "check");
    private static final Path THP_MODE = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");

    private C1Relaunch() {
    }

    /** The exit code of the same command run in a C1-only JVM, or empty when this JVM should run it. */
    static Optional<Integer> runIfWorthIt(String[] args) {
        if (!wanted(args, FROM_BYTES)) {
            return Optional.empty();
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin",
                                                                             "java").toString()));
        command.add("-XX:TieredStopAtLevel=1");
        // C1 inlines only methods of up to 35 bytecodes by default: the reader's varint decoding (42) and a dozen
        // small accessors of the handlers were calls. 60 took 14% off report's wall time on the same file, where
        // 45 and 80 took less (docs/analyser-speed.md); a value the user gives comes later and wins.
        command.add("-XX:C1MaxInlineSize=60");
        if (hugePagesOnRequest(THP_MODE)) {
            // The heap grows to a few GB while a large file is read: in 2 MB pages instead of 4 KB ones, the kernel
            // takes a fraction of the page faults (system time 0.5 s instead of 0.9 s on a 220 MB recording). Only
            // where the kernel hands them out on request: elsewhere the JVM would print a warning.
            command.add("-XX:+UseTransparentHugePages");
        }
        List<String> usersOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        ClassArchive archive = ClassArchive.forJvm(System.getProperty("java.class.path"),
                                                   Path.of(System.getProperty("java.home")),
                                                   System.getProperty("java.vm.version"), usersOptions,
                                                   Boolean.getBoolean(WRITE_CLASS_ARCHIVE));
        command.addAll(archive.flags());
        command.add("-D" + DONE + "=true");
        command.addAll(usersOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoomscopeJfr.class.getName());
        command.addAll(List.of(args));
        try {
            Process child = new ProcessBuilder(command).inheritIO().start();
            int code = child.waitFor();
            archive.publish();
            return Optional.of(code);
        } catch (IOException e) {
            return Optional.empty(); // no second JVM to be had: this one does the work
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(130);
        }
    }

    /** Whether the kernel's transparent huge page mode, read from {@code mode}, is {@code madvise}. */
    static boolean hugePagesOnRequest(Path mode) {
        try {
            return Files.readString(mode).contains("[madvise]");
        } catch (IOException | RuntimeException e) {
            return false; // not Linux, or no THP: the JVM keeps its default pages
        }
    }

    /**
     * Whether {@code args} are a report or a check on recordings of {@code fromBytes} or more, in a JVM not yet
     * relaunched.
     */
    static boolean wanted(String[] args, long fromBytes) {
        if (args.length < 2 || !COMMANDS.contains(args[0]) || Boolean.getBoolean(DONE)
            || !Boolean.parseBoolean(System.getProperty("loomscope.jfr.c1", "true"))) {
            return false;
        }
        for (String flag : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (flag.startsWith("-XX:TieredStopAtLevel") || flag.startsWith("-XX:-TieredCompilation")) {
                return false; // the user chose the compilers
            }
        }
        long bytes = 0;
        for (Path file : regularFiles(args)) {
            try {
                bytes += Files.size(file);
            } catch (IOException e) {
                // Not a readable file: the command itself says so.
            }
        }
        return bytes >= fromBytes;
    }

    /**
     * In the JVM this class started: begins reading the command's one recording while picocli parses the command
     * line (0.2 s of one core). With another file named among the arguments (an existing {@code -o} file) there is
     * no telling which is the recording, and nothing begins.
     */
    static void beginEarlyRead(String[] args) {
        if (!Boolean.getBoolean(DONE) || args.length < 2 || !COMMANDS.contains(args[0])) {
            return;
        }
        List<Path> files = regularFiles(args);
        if (files.size() == 1) {
            RecordingAnalyzer.beginEarlyRead(files.get(0), args[0].equals("check"));
        }
    }

    /** The arguments that name regular files (a FIFO must not be opened before the command refuses it). */
    private static List<Path> regularFiles(String[] args) {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            try {
                Path file = Path.of(args[i]);
                if (!args[i].startsWith("-") && Files.isRegularFile(file)) {
                    files.add(file);
                }
            } catch (RuntimeException e) {
                // Not a path: the command itself says so.
            }
        }
        return files;
    }
}
